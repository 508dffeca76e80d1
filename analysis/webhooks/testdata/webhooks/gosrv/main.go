package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"

	"github.com/stripe/stripe-go/v76/webhook"

	"example.com/app/gosrv/handlers"
)

func main() {
	http.HandleFunc("/webhooks/stripe", stripeWebhook)
	http.HandleFunc("POST /webhooks/github", func(w http.ResponseWriter, r *http.Request) { // want "unverified-webhook: GitHub webhook handler never verifies the X-Hub-Signature-256 header; call github.ValidatePayload\\(r, secret\\)"
		event := r.Header.Get("X-GitHub-Event")
		w.Write([]byte(event))
	})
	http.HandleFunc("/hooks/acme", acmeHook)
	http.HandleFunc("GET /webhooks/health", func(w http.ResponseWriter, r *http.Request) {})
	http.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {})
	http.Handle("/webhooks/linear", http.HandlerFunc(handlers.Linear))
	http.ListenAndServe(":8080", nil)
}

func stripeWebhook(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	event, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), os.Getenv("STRIPE_WEBHOOK_SECRET"))
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	w.Write([]byte(event.ID))
}

func acmeHook(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	mac := hmac.New(sha256.New, []byte(os.Getenv("ACME_WEBHOOK_SECRET")))
	mac.Write(body)
	expected := hex.EncodeToString(mac.Sum(nil))
	if expected != r.Header.Get("X-Acme-Signature") { // want "insecure-signature-compare: signature compared with !=, .*hmac.Equal"
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if len(expected) == 0 || expected == "" {
		return
	}
}
