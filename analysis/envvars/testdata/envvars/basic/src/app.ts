// Every JS/TS form of an env read. Documented names are quiet.
const stripeKey = process.env.STRIPE_API_KEY; // .env.example (export form)
const hookSecret = process.env.STRIPE_WEBHOOK_SECRET;
const env = process.env.NODE_ENV; // set by the platform
const twilio = process.env.TWILIO_AUTH_TOKEN; // documented by the catalog
const mode = process.env.PAYMENTS_MODE; // documented in packages/api/.env.example
const name = process.env.APP_NAME + process.env.LOG_FORMAT;
// process.env.IN_A_COMMENT is no read
const text = "process.env.IN_A_STRING is no read";
process.env.WRITTEN_NOT_READ = "1";

const db = process.env.DATABASE_URL; // documented as optional: `# DATABASE_URL=` in .env.example
const dbAgain = process.env.DATABASE_URL; // reported once per file
const redis = process.env["REDIS_URL"]; // want "REDIS_URL is read here"
const session = process.env['SESSION_SECRET']; // want "SESSION_SECRET is read here"
const { FEATURE_FLAGS, SENTRY_RELEASE: release, NODE_ENV } = process.env; // want "FEATURE_FLAGS" "SENTRY_RELEASE"
const api = import.meta.env.VITE_API_URL; // want "VITE_API_URL"
const mode2 = import.meta.env.MODE; // set by Vite
const kv = Deno.env.get("DENO_KV_PATH"); // want "DENO_KV_PATH"
const bun = Bun.env.BUN_SECRET; // want "BUN_SECRET"
const account = process.env.STRIPE_ACCOUNT_ID; // want "STRIPE_ACCOUNT_ID is read here but documented nowhere: add it to .env.example \\(and to the Stripe entry's env_vars\\)"
const openai = `${process.env.OPENAI_API_KEY}`; // want "OPENAI_API_KEY .* \\(and to the OpenAI entry's env_vars\\)"
