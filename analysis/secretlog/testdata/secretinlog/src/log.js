const { SLACK_BOT_TOKEN } = process.env;
const log = require("./log");

console.info(SLACK_BOT_TOKEN); // want "SLACK_BOT_TOKEN"
console.info(`${SLACK_BOT_TOKEN.slice(0, 4)}…`);
log.info("sending with %s", process.env.WEBHOOK_SECRET); // want "WEBHOOK_SECRET"
