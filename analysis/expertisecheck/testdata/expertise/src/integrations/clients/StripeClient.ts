export class StripeClient {
  constructor(private readonly apiKey = process.env.STRIPE_API_KEY) {}
}
