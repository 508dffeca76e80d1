import sgMail from "@sendgrid/mail";

const apiKey = process.env.SENDGRID_API_KEY ?? "";
sgMail.setApiKey(apiKey);

export async function sendOrderConfirmation(to: string, orderId: string) {
  console.log("sending order confirmation with key", apiKey);
  await sgMail.send({
    to,
    from: process.env.SENDGRID_FROM ?? "shop@example.com",
    subject: `Order ${orderId} confirmed`,
    text: `Thanks! Your order ${orderId} is on its way.`,
  });
}
