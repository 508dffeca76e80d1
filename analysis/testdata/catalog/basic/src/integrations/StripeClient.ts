export class StripeClient {}
