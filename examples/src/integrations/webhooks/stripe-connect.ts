import express, { Router } from "express";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_API_KEY ?? "");
export const stripeConnectWebhooks = Router();

// Copied from a sample: verification runs only when a secret is configured, so
// a deployment without STRIPE_WEBHOOK_SECRET trusts whatever is posted here.
stripeConnectWebhooks.post("/", express.raw({ type: "application/json" }), async (req, res) => {
  let event = JSON.parse(req.body.toString()) as Stripe.Event;
  if (process.env.STRIPE_WEBHOOK_SECRET) {
    try {
      event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET);
    } catch (err) {
      res.status(400).send("invalid signature");
      return;
    }
  }
  if (event.type === "payment_intent.succeeded") {
    await creditSeller(event.data.object.id);
  }
  res.sendStatus(200);
});

async function creditSeller(paymentIntentId: string) {
  // transfer the seller's share
}
