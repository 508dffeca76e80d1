# Fixture: e-mail and GitHub tokens in Ruby. All values are fake.
Mailgun.configure do |config|
  config.api_key = "key-ad9149d088d8a1a0d0b5760897936f7a" # want "Mailgun API key hardcoded \\(key-…\\); read it from the environment \\(MAILGUN_API_KEY\\)"
end
MAILGUN_PLACEHOLDER = "key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

Gibbon::Request.api_key = "c03a5fd384dde66d89c2947a72768d8b-us6" # want "Mailchimp API key hardcoded \\(c03a…\\)"
Gibbon::Request.api_key = ENV.fetch("MAILCHIMP_API_KEY")

GITHUB_PAT = "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" # want "GitHub fine-grained token hardcoded \\(gith…\\)"
GITHUB_PAT_DOCS = "github_pat_<your-fine-grained-token>"

stripe_key = ENV.fetch("STRIPE_SECRET_KEY", "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") # want "Stripe secret key hardcoded \\(sk_l…\\); read it from the environment \\(STRIPE_SECRET_KEY\\) without a hardcoded fallback"
stripe_key_dev = ENV.fetch("STRIPE_SECRET_KEY", "sk_test_your_key")

settings = {
  api_secret: "V8gz4FkQ1okTBGzvAmwufUxbvJDCTbyv", # want "Secret hardcoded in api_secret"
  "auth_token" => "HNsG9eh6Yo4gfqrc5XlrWi0B26", # want "Secret hardcoded in auth_token"
  :signing_key => "M2oeq3hDavJA76rNicHTp8", # want "Secret hardcoded in signing_key"
  api_secret_hint: "<%= ENV['API_SECRET'] %>",
}
@webhook_secret = "#{prefix}30HKOpFsJVBbwJbiEgDoHtyLZLqISs1C"
