require 'octokit'
require "twilio-ruby" # want "Twilio is used here"
require_relative "stripe"
gem "resend" # want "Resend is used here"
# require "shopify_api"
