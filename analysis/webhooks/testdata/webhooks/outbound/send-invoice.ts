// Sending an invoice fans out over its lines and then notifies the account's
// webhook subscribers: Promise.all is no route, and a workspace module whose
// path says "webhooks" is no webhook library.
import { triggerWebhook } from '@acme/lib/server/webhooks/trigger';
import { renderLine } from './render';

export async function sendInvoice(invoice: { id: string; lines: { id: string }[] }) {
  const rendered = await Promise.all(
    invoice.lines.map(async (line) => {
      return renderLine(line);
    }),
  );

  await Promise.all([
    triggerWebhook({ event: 'INVOICE_SENT', data: { id: invoice.id, lines: rendered.length } }),
  ]);
}
