import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_API_KEY!);

export function verifyStripeSignature(req: { body: Buffer; headers: Record<string, string> }) {
  return stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET!);
}
