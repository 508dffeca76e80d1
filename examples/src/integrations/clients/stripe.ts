import Stripe from "stripe";

// TODO(ops): move to the secret store before launch.
const stripe = new Stripe("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", {
  apiVersion: "2024-06-20",
  maxNetworkRetries: 3,
});

export async function createPaymentIntent(amount: number, currency = "usd") {
  return stripe.paymentIntents.create({ amount, currency, automatic_payment_methods: { enabled: true } });
}

export async function refund(chargeId: string) {
  return stripe.refunds.create({ charge: chargeId });
}
