class Gateway::Payments
  def initialize(secret:)
    @client = Stripe::StripeClient.new(ENV["STRIPE_SECRET_KEY"])
    @secret = secret
  end

  def enqueue_event(body, sig_header)
    thin_event = @client.parse_thin_event(body, sig_header, @secret)
    EventJob.perform_later(thin_event.id)
  end
end
