import crypto from 'crypto';
import express from 'express';
import { signAcmePayload } from './acme-sign';

const app = express();
const ENCODED_TAG_SEQ = 0x30;

// Secret-keyed signatures compared in variable time.

// A template literal around the HMAC is no literal.
app.post('/hooks/acme-template', express.raw({ type: 'application/json' }), (req, res) => {
  const digest = crypto
    .createHmac('sha256', process.env.ACME_WEBHOOK_SECRET!)
    .update(req.body)
    .digest('hex');
  if (`sha256=${digest}` !== req.get('x-acme-signature')) { // want "insecure-signature-compare: signature compared with !==, .*crypto.timingSafeEqual"
    return res.sendStatus(401);
  }
  res.sendStatus(204);
});

// A handler compares what a helper of another file computes: a signature
// name in a request handler is enough. (The expectation stays outside the
// handler, whose text would otherwise name a signature header.)
// want+2 "insecure-signature-compare: signature compared with !==, .*crypto.timingSafeEqual"
app.post('/hooks/acme-imported', express.raw({ type: 'application/json' }), (req, res) => {
  if (signAcmePayload(req.body) !== req.get('x-acme-sig')) {
    return res.sendStatus(401);
  }
  res.sendStatus(204);
});

function signAcmeBody(body: Buffer): string {
  return crypto.createHmac('sha256', process.env.ACME_WEBHOOK_SECRET!).update(body).digest('base64');
}

// The HMAC comes from a helper of the file, under a name that says nothing.
// (The expectation sits on the line above: the line itself names no signature.)
export function acceptAcme(body: Buffer, provided: string): boolean {
  const computed = signAcmeBody(body); // want+1 "insecure-signature-compare: signature compared with ==, .*crypto.timingSafeEqual"
  return computed == provided;
}

// Buffer#equals returns at the first differing byte.
export function acmeBuffersMatch(body: Buffer, header: string): boolean {
  const mac = crypto.createHmac('sha256', process.env.ACME_WEBHOOK_SECRET!).update(body).digest();
  return mac.equals(Buffer.from(header, 'base64')); // want "insecure-signature-compare: signature compared with equals, .*crypto.timingSafeEqual"
}

// A callback compares the HMAC computed around it (Stripe-style lists of signatures).
export function acmeAnyMatches(body: Buffer, header: string) {
  const expected = crypto.createHmac('sha256', process.env.ACME_WEBHOOK_SECRET!).update(body).digest('hex'); // want+1 "insecure-signature-compare: signature compared with ===, .*crypto.timingSafeEqual"
  return header.split(',').some((candidate) => candidate === expected);
}

// node-forge's PKCS#12 MAC check: library code verifying a MAC in variable time.
export function checkPfxMac(forge: any, macKey: string, data: string, capture: { macDigest: string }) {
  const mac = forge.hmac.create();
  mac.start('sha1', macKey);
  mac.update(data);
  const macValue = mac.getMac();
  if (macValue.getBytes() !== capture.macDigest) { // want "insecure-signature-compare: signature compared with !==, .*crypto.timingSafeEqual"
    throw new Error('PKCS#12 MAC could not be verified. Invalid password?');
  }
}

// Not secret-keyed signatures, though named like one.

// Where an HMAC is computed, what describes a signature is still no signature:
// one byte against a constant, lengths, enum members, OIDs, types, versions.
export function checkAcmeEnvelope(envelope: any, attr: any, forge: any, body: Buffer) {
  const signature: Buffer = envelope.signature;
  const digest = crypto.createHmac('sha256', process.env.ACME_WEBHOOK_SECRET!).update(body).digest();
  let offset = 0;
  if (signature[offset++] !== ENCODED_TAG_SEQ) return false;
  if (signature.length !== digest.length || signature[0] !== digest[0]) return false;
  if (envelope.returnCode !== ExtensionSignatureVerificationCode.Success) return false;
  if (attr.type === forge.pki.oids.messageDigest) return false;
  if (envelope.sigKind === SyntaxKind.ConstructSignature) return false;
  if (envelope.sigVersion !== 'v1' || envelope.signatureBytes !== digest.length * 2) return false;
  if (signature === SignaturePolicy.Required || signature.getKind() !== digest.getKind()) return false;
  if (envelope.sigAlgorithm !== expectedSigAlg || envelope.signature === forge.pki.oids.sha256WithRSAEncryption) return false;
  return crypto.timingSafeEqual(signature, digest);
}

// Two fresh HMACs compared (double HMAC verification) leak nothing.
export function compareMacsBlinded(key: string, mac1: string, mac2: string) {
  const a = crypto.createHmac('sha256', key).update(mac1).digest('hex');
  const b = crypto.createHmac('sha256', key).update(mac2).digest('hex');
  return a === b;
}

// A WebSocket accept header is a public hash of a public key.
export function checkAccept(key: string, secWSAccept: string) {
  const digest = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  if (secWSAccept !== digest) {
    throw new Error('bad Sec-WebSocket-Accept');
  }
}

// A public-key signature check: nothing secret to time.
export function verifyPkcs1(digest: string, decrypted: { digest: string }) {
  return digest === decrypted.digest;
}

// Zip comment lengths: "expected" alone names no signature.
export function checkComment(commentLength: number, expectedCommentLength: number, signature: Buffer) {
  if (commentLength !== expectedCommentLength || signature[0] !== 0x50) {
    throw new Error('bad zip comment');
  }
}

declare const ExtensionSignatureVerificationCode: { Success: number };
declare const SyntaxKind: { ConstructSignature: number };
declare const SignaturePolicy: { Required: Buffer };
declare const expectedSigAlg: string;
