import os

stripe = os.environ["APP_STRIPE_KEY"]  # a pydantic field, with its prefix
relay = os.getenv("SMTP_RELAY_HOST")  # an alias
workers = os.getenv("WORKER_COUNT")  # in the compose file's list
mail_from = os.getenv("MAIL_FROM")  # named in docs/configuration.md
django = os.getenv("DJANGO_SETTINGS_MODULE")  # Django's own
secret = os.getenv("API_SIGNING_SECRET")  # want "API_SIGNING_SECRET is read here but documented nowhere: add it to .env.local.example$"
