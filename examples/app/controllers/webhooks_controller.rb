class WebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token

  def shopify
    body = request.raw_post
    digest = Base64.strict_encode64(OpenSSL::HMAC.digest("sha256", ENV.fetch("SHOPIFY_API_SECRET"), body))
    unless ActiveSupport::SecurityUtils.secure_compare(digest, request.headers["X-Shopify-Hmac-Sha256"].to_s)
      head :unauthorized
      return
    end
    ShopifyOrderJob.perform_later(JSON.parse(body))
    head :ok
  end
end
