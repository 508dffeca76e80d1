// Set by the project's Dockerfile, CI workflow and turbo.json.
export const sha = process.env.BUILD_SHA;
export const base = process.env.APP_BASE_PATH;
export const host = process.env.TELEMETRY_HOST;
export const channel = process.env.RELEASE_CHANNEL;
export const replicas = process.env.REPLICA_URLS;
export const other = process.env.UNSET_ANYWHERE; // want "UNSET_ANYWHERE is read here but documented nowhere"
