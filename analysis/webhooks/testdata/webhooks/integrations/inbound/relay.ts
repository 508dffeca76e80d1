import { Router } from 'express';

export const relay = Router();

// Under the expertise's webhook location: a webhook although the path says nothing.
relay.post('/partner/ingest', async (req, res) => { // want "unverified-webhook: Webhook handler POST /partner/ingest never verifies a signature; compute an HMAC of the raw body and compare it with crypto.timingSafeEqual"
  await enqueue(req.body);
  res.sendStatus(202);
});

// Verified by a function the settings name (RelaySignature.check).
relay.post('/partner/verified', async (req, res) => {
  RelaySignature.check(req);
  await enqueue(req.body);
  res.sendStatus(202);
});

async function enqueue(_: unknown) {}
declare const RelaySignature: { check(req: unknown): void };
