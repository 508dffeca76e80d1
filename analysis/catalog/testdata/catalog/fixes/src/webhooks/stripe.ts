// A Stripe webhook handler: its env reads and the events it compares with
// make the new catalog entry; hardcoded values never do.
import Stripe from "stripe"; // want "uncataloged-integration: Stripe is used here but integrations_catalog has no entry for it; add it under payment"

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "sk_test_4eC39HqLyjWDarjtT1zdp7dc");
const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET;
const region = process.env.STRIPE_REGION; // carries Stripe's prefix, in a file that uses Stripe
const db = process.env.DATABASE_URL; // not Stripe's

export async function POST(req: Request) {
  const sig = req.headers.get("stripe-signature");
  const event = stripe.webhooks.constructEvent(await req.text(), sig, endpointSecret);
  switch (event.type) {
    case "payment_intent.succeeded":
    case "invoice.payment_failed":
      break;
  }
  if (event.type === "charge.refunded") {
    return new Response("refund");
  }
  if ("customer.subscription.deleted" == event.type) {
    return new Response("gone");
  }
  if (event.type === "charge.refunded") {
    return new Response("compared twice, listed once");
  }
  if (req.headers.get("host") === "hooks.example.com") {
    return new Response("a host, not an event");
  }
  const note = "checkout.session.completed"; // not compared: not an event this handler handles
  return new Response(note);
}
