import hashlib
import hmac
import os

import stripe
from flask import Flask, abort, request

app = Flask(__name__)
WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_dev_only")  # want "webhook-fail-open: STRIPE_WEBHOOK_SECRET falls back to a hard-coded secret"
SLACK_SECRET = os.getenv("SLACK_SIGNING_SECRET") or "local-signing-secret"  # want "webhook-fail-open: SLACK_SIGNING_SECRET falls back"
PADDLE_SECRET = os.environ.get("PADDLE_WEBHOOK_SECRET", "")


@app.route("/webhooks/stripe", methods=["POST"])
def stripe_webhook():
    payload = request.get_data()
    event = None
    if WEBHOOK_SECRET:  # want "webhook-fail-open: stripe.Webhook.construct_event runs only when WEBHOOK_SECRET holds"
        event = stripe.Webhook.construct_event(payload, request.headers["Stripe-Signature"], WEBHOOK_SECRET)
    else:
        event = stripe.Event.construct_from(request.get_json(), stripe.api_key)
    handle(event)
    return "", 200


@app.route("/webhooks/stripe-v2", methods=["POST"])
def stripe_webhook_v2():
    payload = request.get_data()
    event = None
    try:
        event = stripe.Webhook.construct_event(payload, request.headers.get("Stripe-Signature"), PADDLE_SECRET)
    except Exception as e:  # want "webhook-fail-open: a failed stripe.Webhook.construct_event is caught here"
        print("signature check failed", e)
    handle(event or request.get_json())
    return "", 200


@app.route("/webhooks/stripe-v3", methods=["POST"])
def stripe_webhook_v3():
    payload = request.get_data()
    try:
        event = stripe.Webhook.construct_event(payload, request.headers.get("Stripe-Signature"), PADDLE_SECRET)
    except stripe.error.SignatureVerificationError:
        abort(400)
    handle(event)
    return "", 200


@app.route("/webhooks/acme", methods=["POST"])
def acme_webhook():
    body = request.get_data()
    expected = hmac.new(PADDLE_SECRET.encode(), body, hashlib.sha256).hexdigest()
    hmac.compare_digest(expected, request.headers.get("X-Acme-Signature", ""))  # want "webhook-fail-open: the result of hmac.compare_digest is thrown away"
    handle(request.get_json())
    return "", 200


@app.route("/webhooks/acme-v2", methods=["POST"])
def acme_webhook_v2():
    body = request.get_data()
    expected = hmac.new(PADDLE_SECRET.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Acme-Signature", "")):
        abort(401)
    handle(request.get_json())
    return "", 200


def handle(event):
    pass
