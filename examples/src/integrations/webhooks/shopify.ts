import crypto from "node:crypto";
import { Router } from "express";

export const shopifyWebhooks = Router();

shopifyWebhooks.post("/orders-create", (req, res) => {
  const hmac = req.get("X-Shopify-Hmac-Sha256") ?? "";
  const digest = crypto
    .createHmac("sha256", process.env.SHOPIFY_API_SECRET ?? "")
    .update(JSON.stringify(req.body))
    .digest("base64");
  if (digest === hmac) {
    syncOrder(req.body);
    res.sendStatus(200);
  } else {
    res.sendStatus(401);
  }
});

function syncOrder(order: unknown) {
  // copy the order into the warehouse system
}
