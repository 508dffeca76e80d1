// Registered as POST /webhooks/linear in ../routes/index.cjs.
exports.handleLinear = async function handleLinear(req, res) { // want "unverified-webhook: Linear webhook handler never verifies the Linear-Signature header"
  const payload = JSON.parse(req.body.toString('utf8'));
  res.status(200).json({ action: payload.action });
};
