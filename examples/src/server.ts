import express from "express";
import { stripeWebhooks } from "./integrations/webhooks/stripe";
import { stripeConnectWebhooks } from "./integrations/webhooks/stripe-connect";
import { githubWebhooks } from "./integrations/webhooks/github";
import { shopifyWebhooks } from "./integrations/webhooks/shopify";

const app = express();

// Stripe verifies over the raw body, so its router is mounted before the JSON parser.
app.use("/webhooks/stripe", stripeWebhooks);
app.use("/webhooks/stripe-connect", stripeConnectWebhooks);
app.use(express.json());
app.use("/webhooks/github", githubWebhooks);
app.use("/webhooks/shopify", shopifyWebhooks);

app.listen(Number(process.env.PORT ?? 3000));
