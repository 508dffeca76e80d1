# Verification done by a gateway object of another file, through a bang
# method (check_delivery!) or a Stripe thin-event parse (parse_thin_event).
class BillingWebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token

  def acme
    body = request.body.read
    gateway = Gateway::Acme.new
    gateway.check_delivery!(request.headers["Acme-Verification"], body)
    Delivery.record(body)
    head :ok
  end

  def payments
    body = request.body.read
    Gateway::Payments.new(secret: ENV["PAYMENTS_SIGNING_SECRET"]).enqueue_event(body, request.env["HTTP_STRIPE_SIGNATURE"])
    head :ok
  end

  def relay # want "unverified-webhook: Webhook handler BillingWebhooksController#relay never verifies a signature"
    body = request.body.read
    Gateway::Acme.new.store_delivery!(body)
    head :ok
  end
end
