// No expertise at all: there is no catalog to keep, so nothing to say.
import Stripe from "stripe";
import twilio from "twilio";
