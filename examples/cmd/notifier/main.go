// Command notifier relays Slack slash commands and events to the order service.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

type slackEvent struct {
	Type      string `json:"type"`
	Challenge string `json:"challenge"`
}

func main() {
	http.HandleFunc("/slack/events", handleSlackEvents)
	log.Fatal(http.ListenAndServe(":"+os.Getenv("PORT"), nil))
}

func handleSlackEvents(w http.ResponseWriter, r *http.Request) {
	var ev slackEvent
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if ev.Type == "url_verification" {
		w.Write([]byte(ev.Challenge))
		return
	}
	w.WriteHeader(http.StatusOK)
}
