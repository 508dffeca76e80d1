export function handleStripeWebhook(body: string, signature: string): boolean {
  return body.length > 0 && signature.length > 0;
}
