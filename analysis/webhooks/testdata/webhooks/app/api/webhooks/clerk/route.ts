import { Webhook } from 'svix';
import { headers } from 'next/headers';

// Parses the body first: only re-serialised JSON is left to verify.
export async function POST(req: Request) {
  const payload = await req.json(); // want "webhook-raw-body: req.json\\(\\) parses the body before the signature is verified"
  const body = JSON.stringify(payload);
  const h = await headers();
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  const evt = wh.verify(body, {
    'svix-id': h.get('svix-id')!,
    'svix-timestamp': h.get('svix-timestamp')!,
    'svix-signature': h.get('svix-signature')!,
  });
  return Response.json({ id: (evt as { id: string }).id });
}
