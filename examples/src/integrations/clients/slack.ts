// Posts order alerts to the team's channel, calling Slack's Web API by hand.
export async function postAlert(text: string) {
  const res = await fetch("https://slack.com/api/chat.postMessage", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.SLACK_BOT_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ channel: "#orders", text }),
  });
  if (res.status === 429) {
    throw new Error("Slack rate limited the alert");
  }
  return res.json();
}
