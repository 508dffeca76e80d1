"""OpenAI client."""
import json
import requests

OPENAI_API_KEY = "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"  # want "OpenAI API key hardcoded"


def complete(prompt):
    headers = {"Authorization": "Bearer " + OPENAI_API_KEY}
    return requests.post("https://api.openai.com/v1/completions", headers=headers, data=json.dumps({"prompt": prompt}))
