import hashlib
import hmac
import os


def check_paddle_signature(body, header):
    ts, h1 = [part.split("=")[1] for part in header.split(";")]
    expected = hmac.new(os.environ["PADDLE_WEBHOOK_SECRET"].encode(), f"{ts}:".encode() + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, h1):
        raise PermissionError("bad signature")
