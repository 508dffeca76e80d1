package main

import (
	"database/sql"
	"io"
	"net/http"
	"os"

	"github.com/stripe/stripe-go/v76/webhook"
)

var db *sql.DB

func stripeWebhook(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), os.Getenv("STRIPE_WEBHOOK_SECRET"))
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	if ev.Type == "invoice.paid" {
		db.Exec("INSERT INTO credits (customer, raw) VALUES ($1, $2)", ev.Account, ev.Data.Raw) // want "webhook-not-idempotent: Stripe redelivers .* inserts a row"
	}
	w.WriteHeader(http.StatusOK)
}

func main() {
	http.HandleFunc("/webhooks/stripe", stripeWebhook)
	http.ListenAndServe(":8080", nil)
}
