import { Webhook } from "svix";

export async function POST(req: Request) {
  const payload = await req.json();
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET ?? "");
  const event = wh.verify(JSON.stringify(payload), {
    "svix-id": req.headers.get("svix-id") ?? "",
    "svix-timestamp": req.headers.get("svix-timestamp") ?? "",
    "svix-signature": req.headers.get("svix-signature") ?? "",
  }) as { type: string };
  if (event.type === "user.created") {
    // provision the customer record
  }
  return new Response(null, { status: 204 });
}
