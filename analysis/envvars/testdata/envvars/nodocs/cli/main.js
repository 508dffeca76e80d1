// No env example, dotenv or compose file, schema or catalog: the workspace
// gets one finding for all its undocumented reads, at the first in path order.
const home = process.env.APP_HOME; // want "missing-env-var: APP_HOME and 2 other environment variables read in 2 files are documented nowhere, and no env example file covers those files: create .env.example listing them$"
const again = process.env.APP_HOME;
const verbose = process.env.APP_VERBOSE; // a debugging knob
