const express = require('express');
const { handleLinear } = require('../controllers/linear');
const router = express.Router();

// CommonJS: handler defined in another file; the finding lands there.
router.post('/webhooks/linear', express.raw({ type: 'application/json' }), handleLinear);

router.route('/webhooks/mailgun').post(function (req, res) { // want "unverified-webhook: Mailgun webhook handler never verifies the signature; call crypto.timingSafeEqual"
  res.sendStatus(200);
});

module.exports = router;
