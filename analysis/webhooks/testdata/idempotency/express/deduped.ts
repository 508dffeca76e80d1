import express from 'express';
import Stripe from 'stripe';
import { prisma } from './db';

const app = express();
const stripe = new Stripe(process.env.STRIPE_API_KEY!);

// Deduplicated on the event's id first: nothing to report.
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.sendStatus(400);
  }
  const seen = await prisma.stripeEvent.findFirst({ where: { id: event.id } });
  if (seen) return res.sendStatus(200);
  await prisma.stripeEvent.create({ data: { id: event.id } });
  await prisma.order.create({ data: { session: (event.data.object as Stripe.Checkout.Session).id } });
  res.sendStatus(200);
});
