package server

import (
	"fmt"
	"net/http"
)

const apiKey = "30HKOpFsJVBbwJbiEgDoHtyLZLqISs1C" // want "Secret hardcoded in apiKey"

func handler(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, len(apiKey))
}
