package main

import (
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"os"

	"github.com/stripe/stripe-go/v76/webhook"
)

var secret = cmp.Or(os.Getenv("STRIPE_WEBHOOK_SECRET"), "whsec_dev") // want "webhook-fail-open: STRIPE_WEBHOOK_SECRET falls back"

func stripeWebhook(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	event, _ := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret) // want "webhook-fail-open: the error of webhook.ConstructEvent is thrown away"
	handle(event.Type, event.Data.Raw)
	w.WriteHeader(http.StatusOK)
}

func stripeWebhookGuarded(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	var evt struct{ Type string }
	if secret != "" { // want "webhook-fail-open: webhook.ConstructEvent runs only when secret != \"\" holds"
		event, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret)
		if err != nil {
			http.Error(w, "bad signature", http.StatusBadRequest)
			return
		}
		evt.Type = string(event.Type)
	} else {
		json.Unmarshal(payload, &evt)
	}
	handle(evt.Type, payload)
	w.WriteHeader(http.StatusOK)
}

func stripeWebhookClosed(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	event, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), os.Getenv("STRIPE_WEBHOOK_SECRET"))
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	handle(event.Type, event.Data.Raw)
	w.WriteHeader(http.StatusOK)
}

func main() {
	http.HandleFunc("/webhooks/stripe", stripeWebhook)
	http.HandleFunc("/webhooks/stripe-guarded", stripeWebhookGuarded)
	http.HandleFunc("/webhooks/stripe-closed", stripeWebhookClosed)
	http.ListenAndServe(":8080", nil)
}

func handle(kind any, data []byte) {}
