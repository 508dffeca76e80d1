import { Controller, Post, Req } from '@nestjs/common';

// An ordinary controller: not a webhook.
@Controller('orders')
export class OrdersController {
  @Post()
  async create(@Req() req: any) {
    return req.body;
  }
}
