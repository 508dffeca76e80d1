class WebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token

  SECRET = ENV.fetch("STRIPE_WEBHOOK_SECRET", "whsec_dev") # want "webhook-fail-open: STRIPE_WEBHOOK_SECRET falls back"
  GITHUB_SECRET = ENV["GITHUB_WEBHOOK_SECRET"] || "dev-secret" # want "webhook-fail-open: GITHUB_WEBHOOK_SECRET falls back"

  def stripe
    payload = request.body.read
    begin
      event = Stripe::Webhook.construct_event(payload, request.headers["Stripe-Signature"], SECRET)
    rescue Stripe::SignatureVerificationError => e # want "webhook-fail-open: a failed Stripe::Webhook.construct_event is caught here"
      Rails.logger.warn("bad signature: #{e.message}")
    end
    Billing.handle(event || JSON.parse(payload))
    head :ok
  end

  def stripe_closed
    payload = request.body.read
    begin
      event = Stripe::Webhook.construct_event(payload, request.headers["Stripe-Signature"], SECRET)
    rescue Stripe::SignatureVerificationError
      head :bad_request
      return
    end
    Billing.handle(event)
    head :ok
  end

  def github
    payload = request.body.read
    expected = "sha256=" + OpenSSL::HMAC.hexdigest("SHA256", GITHUB_SECRET, payload)
    Rack::Utils.secure_compare(expected, request.headers["X-Hub-Signature-256"].to_s) # want "webhook-fail-open: the result of Rack::Utils.secure_compare is thrown away"
    Deploys.handle(JSON.parse(payload))
    head :ok
  end
end
