stripe_key = ENV["STRIPE_API_KEY"]
redis = ENV["SIDEKIQ_REDIS_URL"] # want "SIDEKIQ_REDIS_URL is read here"
from = ENV.fetch("MAILER_FROM") # want "MAILER_FROM"
master = ENV.fetch 'RAILS_MASTER_KEY' # want "RAILS_MASTER_KEY"
env = ENV["RAILS_ENV"]
# ENV["IN_A_COMMENT"]
ENV["WRITTEN"] = "1"
