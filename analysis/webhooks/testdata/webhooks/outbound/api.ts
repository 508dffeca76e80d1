// A REST-hook subscription API (the partner subscribes its own URL, with an
// API token): these routes receive no webhooks, though their handlers live
// in a workspace module under server/webhooks.
import { Hono } from 'hono';
import { listItemsHandler } from '@acme/lib/server/webhooks/partner/list-items';
import { subscribeHandler } from '@acme/lib/server/webhooks/partner/subscribe';

export const api = new Hono();

api
  .all('/partner/list-items', async (c) => listItemsHandler(c.req.raw))
  .all('/partner/subscribe', async (c) => subscribeHandler(c.req.raw));
