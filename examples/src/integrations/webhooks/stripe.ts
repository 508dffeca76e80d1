import express, { Router } from "express";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_API_KEY ?? "");
export const stripeWebhooks = Router();

stripeWebhooks.post("/", express.raw({ type: "application/json" }), async (req, res) => {
  const signature = req.headers["stripe-signature"] as string;
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, signature, process.env.STRIPE_WEBHOOK_SECRET ?? "");
  } catch (err) {
    res.status(400).send("invalid signature");
    return;
  }
  if (event.type === "payment_intent.succeeded") {
    await markOrderPaid(event.data.object.id);
  }
  res.sendStatus(200);
});

async function markOrderPaid(paymentIntentId: string) {
  // enqueue fulfilment
}
