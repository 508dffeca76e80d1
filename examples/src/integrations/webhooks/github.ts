import { Router } from "express";

export const githubWebhooks = Router();

// Deploys the storefront when main changes.
githubWebhooks.post("/", async (req, res) => {
  const event = req.headers["x-github-event"];
  if (event === "push" && req.body.ref === "refs/heads/main") {
    await triggerDeploy(req.body.after);
  }
  res.sendStatus(202);
});

async function triggerDeploy(commit: string) {
  // call the deploy pipeline
}
