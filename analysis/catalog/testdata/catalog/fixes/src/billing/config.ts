// No Stripe import here: only the names providers.yaml lists for Stripe count.
export const publishable = process.env.STRIPE_PUBLISHABLE_KEY;
export const price = process.env.STRIPE_PRICE_ID;
