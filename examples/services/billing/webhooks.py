import os

import stripe
from flask import Flask, abort, request

app = Flask(__name__)


@app.route("/billing/webhooks/stripe", methods=["POST"])
def stripe_webhook():
    payload = request.get_data()
    signature = request.headers.get("Stripe-Signature", "")
    try:
        event = stripe.Webhook.construct_event(payload, signature, os.environ["STRIPE_WEBHOOK_SECRET"])
    except (ValueError, stripe.error.SignatureVerificationError):
        abort(400)
    if event["type"] == "charge.refunded":
        record_refund(event["data"]["object"]["id"])
    return "", 200


def record_refund(charge_id):
    pass
