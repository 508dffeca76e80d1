import express from 'express';
import Stripe from 'stripe';
import crypto from 'crypto';

const app = express();
const stripe = new Stripe(process.env.STRIPE_API_KEY!);
const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET || 'whsec_local_dev'; // want "webhook-fail-open: STRIPE_WEBHOOK_SECRET falls back to a hard-coded secret when it is unset"
const typedSecret = process.env.STRIPE_WEBHOOK_SECRET ?? '';
const { GITHUB_WEBHOOK_SECRET = 'dev-secret' } = process.env; // want "webhook-fail-open: GITHUB_WEBHOOK_SECRET falls back"

// Stripe's sample: verification only when a secret is configured.
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  let event = req.body;
  if (endpointSecret) { // want "webhook-fail-open: stripe.webhooks.constructEvent runs only when endpointSecret holds, and otherwise the request is processed unverified"
    const signature = req.headers['stripe-signature'] as string;
    try {
      event = stripe.webhooks.constructEvent(req.body, signature, endpointSecret);
    } catch (err) {
      return res.sendStatus(400);
    }
  }
  switch (event.type) {
    case 'invoice.paid':
      credit(event.data.object);
  }
  res.json({ received: true });
});

// A failed verification is logged and passed over.
app.post('/webhooks/stripe-v2', express.raw({ type: 'application/json' }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, typedSecret);
  } catch (err) { // want "webhook-fail-open: a failed stripe.webhooks.constructEvent is caught here and the handler goes on"
    console.error('bad signature', err);
  }
  await handleEvent(event ?? JSON.parse(req.body.toString()));
  res.sendStatus(200);
});

// Fail-closed: a missing signature is rejected before verifying, a bad one after.
app.post('/webhooks/stripe-v3', express.raw({ type: 'application/json' }), async (req, res) => {
  const sig = req.headers['stripe-signature'];
  if (!sig) return res.status(400).send('missing signature');
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, sig as string, typedSecret);
  } catch (err) {
    return res.status(400).send('bad signature');
  }
  await handleEvent(event);
  res.sendStatus(200);
});

// Guarded, but the other path rejects: fail-closed.
app.post('/webhooks/stripe-v4', express.raw({ type: 'application/json' }), async (req, res) => {
  const sig = req.headers['stripe-signature'] as string;
  if (sig && typedSecret) {
    const event = stripe.webhooks.constructEvent(req.body, sig, typedSecret);
    await handleEvent(event);
    return res.sendStatus(200);
  }
  res.sendStatus(401);
});

// A constant-time compare whose verdict is ignored.
app.post('/webhooks/shopify', express.raw({ type: 'application/json' }), async (req, res) => {
  const digest = crypto.createHmac('sha256', process.env.SHOPIFY_API_SECRET!).update(req.body).digest('base64');
  const header = req.get('x-shopify-hmac-sha256') ?? '';
  crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header)); // want "webhook-fail-open: the result of crypto.timingSafeEqual is thrown away"
  await handleEvent(JSON.parse(req.body.toString()));
  res.sendStatus(200);
});

// The same compare, used: fail-closed.
app.post('/webhooks/shopify-v2', express.raw({ type: 'application/json' }), async (req, res) => {
  const digest = crypto.createHmac('sha256', process.env.SHOPIFY_API_SECRET!).update(req.body).digest('base64');
  const header = req.get('x-shopify-hmac-sha256') ?? '';
  if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header))) {
    return res.sendStatus(401);
  }
  await handleEvent(JSON.parse(req.body.toString()));
  res.sendStatus(200);
});

declare function credit(x: unknown): void;
declare function handleEvent(x: unknown): Promise<void>;
