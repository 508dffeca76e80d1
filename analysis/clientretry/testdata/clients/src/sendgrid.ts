import axios from 'axios';

export async function sendMail(to: string) {
  await axios.post('https://api.sendgrid.com/v3/mail/send', { to }, { headers: { Authorization: `Bearer ${process.env.SENDGRID_API_KEY}` } }); // want "client-no-retry: axios.post calls the SendGrid API by hand with no retry"
}

export async function charge(amount: number) {
  const res = await fetch('https://api.stripe.com/v1/charges', { method: 'POST', body: `amount=${amount}` }); // want "client-no-retry: fetch calls the Stripe API by hand with no retry: .*; or use the SDK: Stripe's SDKs retry"
  if (res.status === 429) { // want "client-no-retry: a 429 \\(rate limited\\) is handled here without reading the Retry-After header"
    throw new Error('rate limited');
  }
  return res.json();
}

export async function refund(charge: string) {
  return window.fetch('https://api.stripe.com/v1/refunds', { method: 'POST', body: `charge=${charge}` }); // want "client-no-retry: window.fetch calls the Stripe API by hand with no retry"
}
