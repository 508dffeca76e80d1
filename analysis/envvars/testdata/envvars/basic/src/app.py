import os
from os import environ

STRIPE_KEY = os.environ["STRIPE_API_KEY"]
BROKER = os.environ["CELERY_BROKER_URL"]  # want "CELERY_BROKER_URL is read here"
SECRET = os.environ.get("FLASK_SECRET", "dev")  # want "FLASK_SECRET"
DSN = os.getenv('SENTRY_DSN')  # want "SENTRY_DSN"
BUCKET = environ["S3_BUCKET"]  # want "S3_BUCKET"
PATH = os.environ["PATH"]
# os.environ["IN_A_COMMENT"]
"""os.getenv("IN_A_DOCSTRING")"""
os.environ["WRITTEN"] = "1"
