"""Fixture: cloud and AI keys in Python settings. All values are fake."""
import os

import boto3

# AWS: an access key id and a secret access key; AWS's documented examples are not secrets.
AWS_ACCESS_KEY_ID = "AKIAMEZ6EQYRBT52SN3U"  # want "AWS access key ID hardcoded \\(AKIA…\\); read it from the environment \\(AWS_ACCESS_KEY_ID\\)"
AWS_EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
aws_secret_access_key = "Le0v/8si0coNMnpwroenQ78E9IjYVAm3HYZRgoT3"  # want "AWS secret access key hardcoded"
aws_example_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
aws_sdk_commit = "851367b525805daa85ee29862e128c9b2f361aaa"
s3 = boto3.client("s3", aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])

# OpenAI (project and legacy) and Anthropic keys.
OPENAI_API_KEY = "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"  # want "OpenAI API key hardcoded \\(sk-p…\\); read it from the environment \\(OPENAI_API_KEY\\)"
OPENAI_PLACEHOLDER = "sk-proj-your-openai-key-here"
openai_legacy = "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"  # want "OpenAI API key hardcoded \\(sk-V…\\)"
openai_legacy_docs = "sk-...T3BlbkFJ..."
anthropic_key = "sk-ant-api03-G8svXhHrtDaGH9pfMIuWcoNqLomnLwjUG-46gqRWRf809FNbdceLeqDEHWRLnU-kO3cM77rdbqPP1iD5hOCIcu5BWdexdAA"  # want "Anthropic API key hardcoded"
ANTHROPIC_TEMPLATE = "${ANTHROPIC_API_KEY}"

# Secret-named literals: Django's key, a token that is 40 hex digits, a commit id.
SECRET_KEY = "django-insecure-jpz-a9we!kva(a56@q1yhh0llc#=pmt-v-0im#&*^f$nrugfib"  # want "Secret hardcoded in SECRET_KEY \\(djan…\\)"
SECRET_KEY_DEV = "changeme"
github_token = "33e71d059428dcc1eb49d7213b702cf4e7e52d34"  # want "GitHub secret hardcoded in github_token"
commit_sha = "851367b525805daa85ee29862e128c9b2f361aaa"
session_key: str = "7f870fd2-558f-41b5-a971-cfbb53d0122f"  # want "Secret hardcoded in session_key"
request_id = "7f870fd2-558f-41b5-a971-cfbb53d0122f"
DATABASE_PASSWORD = os.getenv("DATABASE_PASSWORD", "pGruT1IXc39o8CKkIlZCEFUE")  # want "Secret hardcoded \\(pGru…\\); read it from the environment \\(DATABASE_PASSWORD\\) without a hardcoded fallback"
DEBUG_PASSWORD = os.getenv("DEBUG_PASSWORD", "changeme")
api_token = os.environ.get("API_TOKEN") or "c2oauxs6LNP1ntYPSLwh5jwlhQVgv9sm44GUtq81"  # want "Secret hardcoded \\(c2oa…\\); read it from the environment \\(API_TOKEN\\) without"
client = Client(api_key="6bEHTUDjpSNbbWxP4oQ7rbhCVIP5")  # want "Secret hardcoded in api_key"
client_from_env = Client(api_key=os.environ["EXAMPLE_API_KEY"])
asset_integrity = {"key": "app.js", "integrity": "sha384-hxKnFnBNJPR4iAAClzh873OGoJmZvBfrqKbfnzsWrMEZa7NyACXov0eLbgOYBlU1"}
# Commented-out code still commits the secret: api_key = "Kok6CPZrbrzRaOV7uqGK"  # want "Secret hardcoded in api_key \\(Kok6…\\)"
