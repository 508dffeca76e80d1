import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import Stripe from 'stripe';

@Injectable()
export class StripeSignatureGuard implements CanActivate {
  constructor(private readonly stripe: Stripe) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    req.event = this.stripe.webhooks.constructEvent(req.rawBody, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET!);
    return true;
  }
}
