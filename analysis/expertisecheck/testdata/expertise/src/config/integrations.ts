export const stripeKey = process.env.STRIPE_API_KEY;
