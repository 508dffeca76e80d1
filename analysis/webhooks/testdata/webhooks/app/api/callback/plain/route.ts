import { NextRequest, NextResponse } from "next/server";

// A shared secret in a header, compared with the env var: authenticated (no finding).
export async function POST(req: NextRequest) {
  const token = req.headers.get("X-Plain-Webhook-Secret");
  if (token !== process.env.PLAIN_WEBHOOK_SECRET) {
    return new Response("Unauthorized", { status: 401 });
  }
  const body = await req.json();
  return NextResponse.json({ cards: [], customer: body.customer });
}
