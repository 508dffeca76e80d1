// Sealing re-derives a document's digest and checks it against the one
// computed when the document was prepared: a hash of public bytes, keyed by
// nothing, in code that also sends webhooks. No signature, no timing leak.
import { createHash } from 'node:crypto';
import { triggerWebhook } from './notify';

export async function sealDocument(doc: { id: string; bytes: Buffer }, prepared: { hashB64: string }) {
  const recomputedDigestB64 = createHash('sha256').update(doc.bytes).digest('base64');

  if (recomputedDigestB64 !== prepared.hashB64) {
    throw new Error(`document ${doc.id} changed after it was prepared`);
  }

  await triggerWebhook({ event: 'DOCUMENT_SEALED', data: { id: doc.id } });
}
