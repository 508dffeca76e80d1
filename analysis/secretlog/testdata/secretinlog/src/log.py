import logging
import os
from pprint import pprint

logger = logging.getLogger(__name__)
api_key = os.environ["STRIPE_API_KEY"]

print(f"token={token}")  # want "token \\(a secret\\) is passed to print"
print("key", api_key)  # want "api_key .* print"
logging.info("secret %s", client_secret)  # want "client_secret .* logging.info"
logger.warning("token=%s" % token)  # want "token .* logger.warning"
print(os.environ.get("OPENAI_API_KEY"))  # want "OPENAI_API_KEY"
print(str(password))  # want "password"
logger.error("auth failed", extra={"token": self.auth_token})  # want "self.auth_token"

# Not secrets, or not their value.
print(len(token))
print(bool(api_key))
print(f"{api_key[:4]}…")
print("set" if token else "unset")
print(token is None, not token)
print(mask(api_key))
print(tokens_count, sort_key)
logger.info("token=%s", redact(token))
# print(api_key)
"""print(api_key)"""
printer(api_key)
