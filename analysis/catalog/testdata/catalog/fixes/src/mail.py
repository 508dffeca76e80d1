import os
import resend  # want "uncataloged-integration: Resend is used here but integrations_catalog has no entry for it; add it under email"

resend.api_key = os.environ["RESEND_API_KEY"]
sender = os.getenv("RESEND_FROM_ADDRESS")
if sender == "noreply.example":
    raise ValueError("not an event: this file handles no webhooks")
