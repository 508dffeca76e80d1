import twilio from "twilio";

const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);

export async function sendShippingSms(to: string, trackingUrl: string) {
  return client.messages.create({
    to,
    from: process.env.TWILIO_PHONE_NUMBER,
    body: `Your order has shipped: ${trackingUrl}`,
  });
}
