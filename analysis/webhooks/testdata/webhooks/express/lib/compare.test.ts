import crypto from 'crypto';

// Tests are not checked for insecure-signature-compare: no attacker times a test.
export function expectSigned(body: Buffer, want: string) {
  const digest = crypto.createHmac('sha256', 'test-key').update(body).digest('hex');
  if (digest !== want) {
    throw new Error('signature mismatch');
  }
}
