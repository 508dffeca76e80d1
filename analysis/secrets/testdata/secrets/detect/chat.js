// Fixture: chat, e-mail and SMS tokens in JavaScript. All fake.
const { App } = require("@slack/bolt");
const sgMail = require("@sendgrid/mail");

// Slack bot and user tokens and an incoming webhook URL.
const app = new App({ token: "xoxb-817701253519-8745014165840-fublQlGBhNF9KBblC0InDYob", signingSecret: process.env.SLACK_SIGNING_SECRET }); // want "Slack bot token hardcoded \\(xoxb…\\); read it from the environment \\(SLACK_BOT_TOKEN\\)"
const appFromEnv = new App({ token: process.env.SLACK_BOT_TOKEN });
const userToken = "xoxp-460206168429-734245576336-1907289696118-e112722455049581fecfff9e9bf18f00"; // want "Slack user token hardcoded \\(xoxp…\\)"
const userTokenDocs = "xoxp-your-user-token";
const alertsWebhook = "https://hooks.slack.com/services/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"; // want "Slack incoming webhook URL hardcoded \\(http…\\)"
const docsWebhook = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

// SendGrid.
sgMail.setApiKey("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"); // want "SendGrid API key hardcoded \\(SG\\.W…\\)"
sgMail.setApiKey(process.env.SENDGRID_API_KEY);

// Twilio: an API key (SK + 32 hex) next to a twilio word, and an auth token.
const twilioApiKey = "SKe5e8137edd39cbbdf84fcacedbe4f06c"; // want "Twilio API key hardcoded \\(SKe5…\\); read it from the environment \\(TWILIO_API_KEY\\)"
const skuChecksum = "SKe5e8137edd39cbbdf84fcacedbe4f06c";
const twilioAuthToken = "d8b4bb96e72e3fe76a2234041ece695b"; // want "Twilio secret hardcoded in twilioAuthToken \\(d8b4…\\); read it from the environment \\(TWILIO_AUTH_TOKEN\\)"
const twilioAccountSid = process.env.TWILIO_ACCOUNT_SID;

// Discord bot token.
const DISCORD_BOT_TOKEN = "NOYfoSvEULTmF4XTtXYPqWLq.PNDOI1.qtiM4pcO5YKTDzqwMEz3nRP-SM4"; // want "Discord bot token hardcoded"
const DISCORD_EXAMPLE = "discord token: MTExxxxxxxxxxxxxxxxxxxxxxx.Gxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxx";

module.exports = { app, appFromEnv, userToken, alertsWebhook, docsWebhook };
