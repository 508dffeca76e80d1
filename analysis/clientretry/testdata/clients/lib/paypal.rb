require "net/http"

class PaypalClient
  def create_order(body)
    Net::HTTP.post(URI("https://api-m.paypal.com/v2/checkout/orders"), body) # want "client-no-retry: Net::HTTP.post calls the PayPal API by hand with no retry"
  end

  # An authorization exchange is not retried: its code is good once.
  def token
    Net::HTTP.post(URI("https://api-m.paypal.com/v1/oauth2/token"), "grant_type=client_credentials")
  end
end
