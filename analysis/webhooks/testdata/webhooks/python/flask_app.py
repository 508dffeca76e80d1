import hashlib
import hmac
import json
import os

import stripe
from flask import Flask, request, abort

app = Flask(__name__)
bp = Blueprint("hooks", __name__)


@app.route("/webhooks/stripe", methods=["POST"])
def stripe_webhook():
    payload = request.get_data()
    sig = request.headers.get("Stripe-Signature")
    event = stripe.Webhook.construct_event(payload, sig, os.environ["STRIPE_WEBHOOK_SECRET"])
    return {"received": event["id"]}


@app.route("/webhooks/shopify", methods=["POST"])
def shopify_webhook():  # want "unverified-webhook: Shopify webhook handler never verifies the X-Shopify-Hmac-Sha256 header; call hmac.compare_digest"
    topic = request.headers.get("X-Shopify-Topic")
    handle(topic, request.get_json())
    return "", 200


@bp.route("/hooks/github", methods=["POST"])
def github_hook():
    data = request.get_json()
    expected = hmac.new(os.environ["GITHUB_WEBHOOK_SECRET"].encode(), json.dumps(data).encode(), hashlib.sha256).hexdigest()  # want "webhook-raw-body: signature verified over re-serialised data \\(json.dumps\\(data\\)\\)"
    if not hmac.compare_digest("sha256=" + expected, request.headers.get("X-Hub-Signature-256", "")):
        abort(401)
    return "", 204


@bp.route("/hooks/github-raw", methods=["POST"])
def github_hook_raw():
    signature = request.headers.get("X-Hub-Signature-256", "")
    digest = hmac.new(os.environ["GITHUB_WEBHOOK_SECRET"].encode(), request.get_data(), hashlib.sha256).hexdigest()
    if "sha256=" + digest == signature:  # want "insecure-signature-compare: signature compared with ==, .*hmac.compare_digest"
        return "", 204
    if signature is None or signature == "":
        abort(400)
    abort(401)


@app.route("/login", methods=["POST"])
def login():
    return {"ok": request.form["user"] == "admin"}


@app.route("/webhooks/status")
def status():
    return {"ok": True}


def handle(topic, data):
    pass
