class WebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token
  before_action :verify_github_signature, only: [:github]

  def stripe
    payload = request.raw_post
    event = Stripe::Webhook.construct_event(payload, request.headers['Stripe-Signature'], ENV['STRIPE_WEBHOOK_SECRET'])
    head :ok
  end

  def github
    head :accepted
  end

  def square # want "unverified-webhook: Square webhook handler computes an HMAC but never compares it with the signature; compare them with ActiveSupport::SecurityUtils.secure_compare"
    signature = request.headers['X-Square-Hmacsha256-Signature']
    expected = OpenSSL::HMAC.base64digest('sha256', ENV['SQUARE_WEBHOOK_SIGNATURE_KEY'], request.url + request.raw_post)
    head :ok
  end

  def twilio
    expected = OpenSSL::HMAC.hexdigest('sha1', ENV['TWILIO_AUTH_TOKEN'], request.raw_post)
    return head :forbidden unless expected == request.headers['X-Twilio-Signature'] # want "insecure-signature-compare: signature compared with ==, .*ActiveSupport::SecurityUtils.secure_compare"
    head :ok
  end

  private

  def verify_github_signature
    expected = 'sha256=' + OpenSSL::HMAC.hexdigest('sha256', ENV['GITHUB_WEBHOOK_SECRET'], request.raw_post)
    head :unauthorized unless Rack::Utils.secure_compare(expected, request.headers['X-Hub-Signature-256'].to_s)
  end
end
