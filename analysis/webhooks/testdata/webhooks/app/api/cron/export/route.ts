import { Receiver } from "@upstash/qstash";

const receiver = new Receiver({
  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY!,
  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY!,
});

// A QStash worker: the delivery's Upstash-Signature is verified (no finding).
export async function POST(req: Request) {
  const rawBody = await req.text();
  const valid = await receiver.verify({ signature: req.headers.get("Upstash-Signature") ?? "", body: rawBody });
  if (!valid) {
    return new Response("invalid signature", { status: 401 });
  }
  await exportEvents(JSON.parse(rawBody));
  return new Response("ok");
}

declare function exportEvents(x: unknown): Promise<void>;
