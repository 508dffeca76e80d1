# An expertise file but no integrations catalog yet: every provider is uncataloged.
import stripe  # want "Stripe is used here but integrations_catalog has no entry for it; add it under payment"
