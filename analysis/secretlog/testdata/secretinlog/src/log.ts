import { logger } from "./logger";

const apiKey = process.env.STRIPE_API_KEY;
const token = getToken();
const tokenCount = 3;

// Secrets as values reach the log.
console.log(apiKey); // want "secret-in-log: apiKey \\(a secret\\) is passed to console.log: log that it is set, or a masked form, never the value"
console.log(process.env.STRIPE_API_KEY); // want "STRIPE_API_KEY \\(a secret\\) is passed to console.log"
console.error("key:", process.env["GITHUB_TOKEN"]); // want "GITHUB_TOKEN .* console.error"
logger.info("key", apiKey); // want "apiKey .* logger.info"
this.logger.error(`calling stripe with ${token}`); // want "token .* this.logger.error"
console.log("token: " + token); // want "token"
console.log({ apiKey }); // want "apiKey"
console.log(String(apiKey)); // want "apiKey"
console.log(config.stripe.secretKey.toString()); // want "config.stripe.secretKey"
console.warn(JSON.stringify({ user, password })); // want "password"
console.log(
  "multi-line",
  apiKey, // want "apiKey"
);

// Not secrets, or not their value.
console.log(apiKey.length);
console.log(Boolean(apiKey));
console.log(!!token, !token);
console.log(mask(apiKey));
console.log(redact(token));
console.log(apiKey.slice(0, 4));
console.log(tokenCount);
console.log("token set:", token ? "yes" : "no");
console.log(token === undefined, typeof token);
console.log({ token: mask(token) });
console.log("the apiKey and the token are set");
// console.log(apiKey);
/* console.log(token); */
console.log(publishableKey);
console.log(process.env.PORT);
Object.keys(headers).forEach((key) => console.log(key));
console.log(getToken());
console.log(cache[token]);
console.debug(user.id, tokens.length);
myconsole.log(apiKey);
console.log(token); // expertise-ls:ignore secret-in-log
logger.info("reading", EnvVariableNames.MSI_SECRET);
logger.error(AuthError, tokenRenewalOffsetSeconds);
logger.info("signing with", this.credentials.clientSecret); // want "this.credentials.clientSecret"
