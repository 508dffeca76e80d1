import { Controller, Post, Req, Headers, UseGuards } from '@nestjs/common';
import { StripeSignatureGuard } from './stripe.guard';

@Controller('webhooks')
export class WebhooksController {
  // Guarded by a class of another file that verifies: no finding.
  @Post('stripe')
  @UseGuards(StripeSignatureGuard)
  async stripe(@Req() req: any) {
    return { received: req.body.id };
  }

  @Post('paddle')
  async paddle(@Headers('paddle-signature') signature: string, @Req() req: any) { // want "unverified-webhook: Paddle webhook handler never verifies the Paddle-Signature header; call paddle.webhooks.unmarshal"
    return { received: req.body.event_id, signature: signature.length };
  }
}

