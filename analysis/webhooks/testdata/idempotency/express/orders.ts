import express from 'express';
import Stripe from 'stripe';
import { prisma } from './db';

const app = express();
const stripe = new Stripe(process.env.STRIPE_API_KEY!);

// An order and an email on every delivery.
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.sendStatus(400);
  }
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object as Stripe.Checkout.Session;
    await prisma.order.create({ data: { session: session.id } }); // want "webhook-not-idempotent: Stripe redelivers an event when a delivery fails or times out, and this handler creates a record on every delivery without checking event.id"
    await sendReceipt(session.customer_email);
  }
  res.sendStatus(200);
});

// Only updates keyed by the object: idempotent, nothing to report.
app.post('/webhooks/stripe-status', express.raw({ type: 'application/json' }), async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.sendStatus(400);
  }
  const sub = event.data.object as Stripe.Subscription;
  await prisma.subscription.update({ where: { stripeId: sub.id }, data: { status: sub.status } });
  res.sendStatus(200);
});

// A create named in a comment first does not hide the create after it.
app.post('/webhooks/stripe-refunds', express.raw({ type: 'application/json' }), async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.sendStatus(400);
  }
  // prisma.refund.create( records the refund
  const charge = event.data.object as Stripe.Charge;
  await prisma.refund.create({ data: { charge: charge.id } }); // want "webhook-not-idempotent: Stripe redelivers an event when a delivery fails or times out, and this handler creates a record on every delivery without checking event.id"
  res.sendStatus(200);
});

declare function sendReceipt(to: string | null): Promise<void>;
