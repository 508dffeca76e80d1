require "stripe"

Stripe.api_key = "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" # want "Stripe secret key hardcoded"
