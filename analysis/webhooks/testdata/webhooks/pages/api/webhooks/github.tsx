import type { NextApiRequest, NextApiResponse } from 'next';

export const config = { api: { bodyParser: false } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // want "unverified-webhook: GitHub webhook handler never verifies the X-Hub-Signature-256 header"
  const event = req.headers['x-github-event'];
  if (event === 'push') {
    await deploy();
  }
  res.status(202).end();
}

async function deploy() {}
