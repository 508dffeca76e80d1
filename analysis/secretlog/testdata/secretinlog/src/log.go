package main

import (
	"fmt"
	"log"
	"log/slog"
	"os"
)

func main() {
	secret := os.Getenv("WEBHOOK_SECRET")
	apiKey := os.Getenv("STRIPE_API_KEY")

	log.Printf("%s", secret)                         // want "secret \\(a secret\\) is passed to log.Printf"
	fmt.Println(os.Getenv("GITHUB_TOKEN"))           // want "GITHUB_TOKEN .* fmt.Println"
	slog.Info("loaded", "key", apiKey)               // want "apiKey .* slog.Info"
	log.Println(fmt.Sprintf("key=%s", apiKey))       // want "apiKey .* log.Println"
	logger.Info("x", zap.String("token", cfg.Token)) // want "cfg.Token .* zap.String"

	// Not secrets, or not their value.
	log.Printf("%d", len(secret))
	log.Println(secret != "")
	log.Printf("%s…", secret[:4])
	fmt.Printf("%v\n", cfg.TokenURL)
	// log.Printf("%s", secret)
	fmt.Println("the secret is set")
	// Names of templates and labels that hold a secret word.
	log.Printf("rendering %s: %v", mail.TplResetPassword, err)
	log.Printf("template %s", mail.TmplForgotPassword)
	log.Printf("auth: %s", authInfo)
}
