import express from 'express';
import Stripe from 'stripe';
import crypto from 'crypto';
import { verifyStripeSignature } from './lib/verify';
import { acmeRouter } from './acme';

const app = express();
const stripe = new Stripe(process.env.STRIPE_API_KEY!);

// Verified with the SDK over the raw body: no finding.
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  const sig = req.headers['stripe-signature'] as string;
  const event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET!);
  res.json({ received: event.id });
});

// Never verified.
app.post('/webhooks/stripe-legacy', async (req, res) => { // want "unverified-webhook: Stripe webhook handler never verifies the Stripe-Signature header; call stripe.webhooks.constructEvent\\(rawBody, sig, secret\\) before using the event"
  const event = req.body;
  await fulfill(event.data.object);
  res.sendStatus(200);
});

// Verified by a helper defined in another file.
app.post('/webhooks/payments', express.raw({ type: 'application/json' }), async (req, res) => {
  const event = verifyStripeSignature(req);
  await fulfill(event);
  res.sendStatus(200);
});

// Hand-written HMAC compared in constant time: no finding.
app.post('/hooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('x-hub-signature-256') ?? '';
  const expected = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET!).update(req.body).digest('hex');
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return res.sendStatus(401);
  }
  res.sendStatus(204);
});

// Hand-written HMAC compared with ===: verified, but the comparison leaks timing.
app.post('/hooks/shopify', express.raw({ type: 'application/json' }), (req, res) => {
  const hmac = req.headers['x-shopify-hmac-sha256'];
  const digest = crypto.createHmac('sha256', process.env.SHOPIFY_API_SECRET!).update(req.body).digest('base64');
  if (digest !== hmac) { // want "insecure-signature-compare: signature compared with !==, .*crypto.timingSafeEqual"
    return res.sendStatus(401);
  }
  if (typeof hmac !== 'string' || hmac == null || hmac === '') {
    return res.sendStatus(400);
  }
  res.sendStatus(200);
});

// An ordinary form post is not a webhook.
app.post('/login', (req, res) => {
  res.json({ ok: req.body.user === 'admin' });
});

// A client call is not a route.
export async function notify(axios: any, payload: unknown) {
  await axios.post('/webhooks/outbound', payload);
}

app.use(express.json());

// Mounted after express.json(): the SDK call gets parsed JSON.
app.post('/webhooks/stripe-late', (req, res) => { // want "webhook-raw-body: express.json\\(\\) \\(line 64\\) parses the body as JSON before POST /webhooks/stripe-late, but stripe.webhooks.constructEvent needs the raw body"
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  res.json({ id: event.id });
});

// Re-serialised JSON under the HMAC.
app.post('/webhooks/acme', (req, res) => {
  const expected = crypto.createHmac('sha256', process.env.ACME_WEBHOOK_SECRET!).update(JSON.stringify(req.body)).digest('hex'); // want "webhook-raw-body: signature verified over re-serialised data \\(JSON.stringify\\(req.body\\)\\)"
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(String(req.headers['x-acme-signature'])))) {
    return res.sendStatus(401);
  }
  res.sendStatus(200);
});

// Verified by middleware mounted on the route.
app.post('/webhooks/twilio', twilioWebhookGate, (req, res) => {
  res.type('text/xml').send('<Response/>');
});

function twilioWebhookGate(req: any, res: any, next: any) {
  const ok = twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN!, req.header('x-twilio-signature'), url(req), req.body);
  return ok ? next() : res.sendStatus(403);
}

// The settings' verifyFunctions count as verification.
app.post('/webhooks/acme-signed', (req, res) => {
  assertSignedByAcme(req);
  res.sendStatus(200);
});

app.use('/acme', acmeRouter);

async function fulfill(_: unknown) {}
declare const twilio: any;
declare function url(req: any): string;
declare function assertSignedByAcme(req: any): void;
