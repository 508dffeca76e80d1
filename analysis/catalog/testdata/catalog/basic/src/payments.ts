import Stripe from "stripe";
import { constructEvent } from "stripe/lib/webhooks";
import twilio from "twilio"; // want "uncataloged-integration: Twilio is used here but integrations_catalog has no entry for it; add it under sms"
import type { MessageInstance } from "twilio/lib/rest/api/v2010/account/message"; // once per provider per file
import { S3Client } from "@aws-sdk/client-s3"; // want "AWS is used here .* add it under cloud"
import { KMSClient } from "@aws-sdk/client-kms"; // an unlisted package of a scope only AWS owns
import { createMistral } from "@ai-sdk/mistral"; // a scope several providers share: no one's
export { default as OpenAI } from "openai"; // want "OpenAI is used here .* add it under ai"
import "./local-module";
// import Shopify from "@shopify/shopify-api";
const note = "import x from '@shopify/shopify-api'";
const { Resend } = require("resend"); // want "Resend is used here .* add it under email"
const sdk = await import("@anthropic-ai/sdk"); // want "Anthropic is used here"
const acme = process.env.ACME_API_KEY;
const clerk = process.env.CLERK_SECRET_KEY;
// https://api.paddle.com is only mentioned in a comment
await fetch("https://api.mailgun.net/v3/example.com/messages"); // want "Mailgun is used here .* add it under email"
await fetch(`https://api.linear.app/graphql?team=${team}`); // want "Linear is used here .* add it under devtools"
await fetch("https://hooks.slack.com/services/x");
