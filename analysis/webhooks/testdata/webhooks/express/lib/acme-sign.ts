import crypto from 'crypto';

// An HMAC helper that handlers in other files call (see compare.ts).
export function signAcmePayload(body: Buffer): string {
  return crypto.createHmac('sha256', process.env.ACME_SIGNING_KEY!).update(body).digest('hex');
}
