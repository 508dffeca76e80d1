import express from 'express';
import { Webhooks } from '@octokit/webhooks';

const app = express();
const webhooks = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET });

// ESM, verified with @octokit/webhooks: no finding.
app.post('/events', express.text({ type: '*/*' }), async (req, res) => {
  await webhooks.verifyAndReceive({
    id: req.get('x-github-delivery'),
    name: req.get('x-github-event'),
    signature: req.get('x-hub-signature-256'),
    payload: req.body,
  });
  res.sendStatus(202);
});

// Never verified; the provider is inferred from the imports.
app.post('/callback', async (req, res) => { // want "unverified-webhook: GitHub webhook handler never verifies the X-Hub-Signature-256 header; call webhooks.verify\\(rawBody, signature\\) from @octokit/webhooks"
  await store(req.body);
  res.sendStatus(200);
});

async function store() {}
