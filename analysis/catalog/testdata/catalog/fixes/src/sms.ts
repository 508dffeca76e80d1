// Twilio is cataloged: nothing to add.
import twilio from "twilio";

const from = process.env.TWILIO_FROM_NUMBER;
