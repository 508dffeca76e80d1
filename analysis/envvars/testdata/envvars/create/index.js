// No env example file yet: the fix creates .env.example at the root.
const url = process.env.API_URL; // want "API_URL is read here but documented nowhere: add it to .env.example$"
