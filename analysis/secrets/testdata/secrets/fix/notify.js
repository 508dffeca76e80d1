const twilio = require("twilio");

const twilioAuthToken = "d8b4bb96e72e3fe76a2234041ece695b"; // want "Twilio secret hardcoded in twilioAuthToken"
module.exports = twilio(process.env.TWILIO_ACCOUNT_SID, twilioAuthToken);
