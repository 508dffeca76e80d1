import os

import stripe
from flask import Flask, abort, request

from .models import Credit, db

app = Flask(__name__)


@app.route("/webhooks/stripe", methods=["POST"])
def stripe_webhook():
    try:
        event = stripe.Webhook.construct_event(request.get_data(), request.headers.get("Stripe-Signature"), os.environ["STRIPE_WEBHOOK_SECRET"])
    except stripe.error.SignatureVerificationError:
        abort(400)
    if event["type"] == "invoice.paid":
        invoice = event["data"]["object"]
        db.session.add(Credit(customer=invoice["customer"], amount=invoice["amount_paid"]))  # want "webhook-not-idempotent: Stripe redelivers .* inserts a row"
        db.session.commit()
    return "", 200
