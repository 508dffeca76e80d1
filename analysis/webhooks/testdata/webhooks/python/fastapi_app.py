from fastapi import FastAPI, Header, Request
from slack_sdk.signature import SignatureVerifier

app = FastAPI()
verifier = SignatureVerifier(signing_secret="from-env")


@app.post("/slack/events")
async def slack_events(request: Request):
    body = await request.body()
    if not verifier.is_valid_request(body, dict(request.headers)):
        return {"ok": False}
    return {"ok": True}


@app.post("/webhooks/razorpay")
async def razorpay_webhook(request: Request, x_razorpay_signature: str = Header(None)):  # want "unverified-webhook: Razorpay webhook handler never verifies the X-Razorpay-Signature header; call client.utility.verify_webhook_signature"
    return {"received": (await request.json())["event"]}
