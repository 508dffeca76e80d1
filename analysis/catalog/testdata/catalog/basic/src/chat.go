package chat

import "github.com/sashabaranov/go-openai" // want "OpenAI is used here"

import (
	"net/http"

	"github.com/stripe/stripe-go/v76/webhook"
	twilio "github.com/twilio/twilio-go" // want "Twilio is used here"
)

const postMessage = "https://slack.com/api/chat.postMessage"
const discordAPI = "https://discord.com/api/v10" // want "Discord is used here .* add it under chat"

// "https://api.zoom.us" in a comment is no use
var _ = http.Get
