import Stripe from 'stripe';
import { NextResponse } from 'next/server';

const stripe = new Stripe(process.env.STRIPE_API_KEY!);

// Reads the raw text and verifies it: no finding.
export async function POST(req: Request) {
  const body = await req.text();
  const sig = req.headers.get('stripe-signature')!;
  const event = stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET!);
  return NextResponse.json({ received: event.type });
}

export async function GET() {
  return NextResponse.json({ ok: true });
}
