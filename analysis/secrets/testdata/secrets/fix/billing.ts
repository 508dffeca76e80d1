import Stripe from "stripe";

export const stripe = new Stripe("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"); // want "Stripe secret key hardcoded"
export const sessionSecret = process.env.SESSION_SECRET || "V8gz4FkQ1okTBGzvAmwufUxbvJDCTbyv"; // want "without a hardcoded fallback"
