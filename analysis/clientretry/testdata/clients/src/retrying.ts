import pRetry from 'p-retry';
import got from 'got';

// Retried with backoff: nothing to report.
export const send = (to: string) =>
  pRetry(() => fetch('https://api.sendgrid.com/v3/mail/send', { method: 'POST', body: JSON.stringify({ to }) }), { retries: 5 });

export async function rate(res: Response) {
  if (res.status === 429) {
    const wait = Number(res.headers.get('retry-after') ?? '1');
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
}
