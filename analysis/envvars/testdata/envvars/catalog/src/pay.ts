// Stripe is cataloged: names the code reads for it can join its entry.
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_API_KEY ?? "sk_test_4eC39HqLyjWDarjtT1zdp7dc"); // in the entry: quiet
const price = process.env.STRIPE_PRICE_ID; // want "missing-env-var: STRIPE_PRICE_ID is read here but documented nowhere: add it to .env.example \\(and to the Stripe entry's env_vars\\)"
const base = process.env.APP_BASE_URL; // want "APP_BASE_URL is read here but documented nowhere: add it to .env.example$"
const again = process.env.APP_BASE_URL; // reported once per file
const ai = process.env.OPENAI_API_KEY; // want "OPENAI_API_KEY .* \\(and to the OpenAI entry's env_vars\\)"
