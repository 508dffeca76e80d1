// The nearest env example file is packages/api/.env.example.
const mode = process.env.PAYMENTS_MODE;
const only = process.env.API_ONLY_VAR; // want "API_ONLY_VAR is read here but documented nowhere: add it to packages/api/.env.example$"
