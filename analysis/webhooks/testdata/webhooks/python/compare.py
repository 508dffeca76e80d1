import base64
import hashlib
import hmac
import os
import signal

SIG_TYPE_HMAC = "hmac-sha256"
stringEndArchive64 = b"PK\x06\x06"


# Secret-keyed signatures compared in variable time.

def cognito_secret_hash_ok(client_secret, client_id, username, secret_hash):
    new_digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    SECRET_HASH = base64.b64encode(new_digest).decode()  # want+1 "insecure-signature-compare: signature compared with ==, .*hmac.compare_digest"
    return SECRET_HASH == secret_hash


def acme_webhook(request):
    computed = base64.b64encode(hmac.new(os.environ["ACME_SECRET"].encode(), request.body, hashlib.sha256).digest()).decode()
    if computed != request.META.get("HTTP_X_ACME_SIGNATURE"):  # want "insecure-signature-compare: signature compared with !=, .*hmac.compare_digest"
        return 401
    return 204


def acme_inline(body, signature):
    if hmac.new(os.environ["ACME_SECRET"].encode(), body, hashlib.sha256).hexdigest() != signature:  # want "insecure-signature-compare: signature compared with !=, .*hmac.compare_digest"
        raise PermissionError("bad signature")
    digest = hmac.new(os.environ["ACME_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}" == signature  # want "insecure-signature-compare: signature compared with ==, .*hmac.compare_digest"


# Not secret-keyed signatures, though named like one.

def check_acme_envelope(envelope, body):
    """Verifies a webhook, and on the way compares what describes the signature."""
    digest = hmac.new(os.environ["ACME_WEBHOOK_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    signature = envelope["signature"]
    if envelope["sig_type"] != SIG_TYPE_HMAC or signature[0] == "v" or id(digest) == id(signature):
        return False
    if envelope.sig_algorithm != digest_algorithm(signature) or len(signature) != len(digest):
        return False
    return hmac.compare_digest(digest, signature)


def digest_algorithm(signature):
    return "sha256"


def on_signal(sig):
    if sig == signal.SIGINT:  # a signal number
        return "interrupted"


def end_record(sig, digest, actual):
    if sig != stringEndArchive64:  # a zip magic number
        raise ValueError("bad zip")
    if digest != actual:  # a file hash from a wheel's RECORD: public
        raise ValueError("hash mismatch")


class Parameter:
    def __eq__(self, other):
        return self.signature == other.signature  # a function's type signature


def verify_pkcs1(expected, clearsig):
    if expected != clearsig:  # an RSA signature decrypted with the public key
        raise ValueError("Verification failed")
