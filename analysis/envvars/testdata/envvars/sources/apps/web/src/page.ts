// Documented in .env.local.example (set and commented-out), the compose file,
// the docs, the schema; set by the platform; a debugging knob.
export const site = process.env.NEXT_PUBLIC_SITE_URL;
export const dsn = process.env.SENTRY_DSN;
export const redis = process.env.REDIS_URL;
export const tag = process.env.API_IMAGE_TAG;
export const admins = process.env.ADMINS;
export const db = process.env.DATABASE_URL;
export const url = process.env.NEXT_PUBLIC_VERCEL_URL;
export const node = process.env.NODE_ENV;
export const debug = process.env.WEB_DEBUG;
export const flags = process.env.FEATURE_FLAGS; // want "missing-env-var: FEATURE_FLAGS is read here but documented nowhere: add it to .env.local.example$"
