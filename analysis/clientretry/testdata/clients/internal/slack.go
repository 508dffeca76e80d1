package internal

import (
	"net/http"
	"strings"
)

func Post(text string) (*http.Response, error) {
	req, err := http.NewRequest("POST", "https://slack.com/api/chat.postMessage", strings.NewReader(text)) // want "client-no-retry: http.NewRequest calls the Slack API by hand with no retry: .*; or use the SDK: @slack/web-api"
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}
