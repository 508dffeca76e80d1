package main

import "os"

func config() (string, string, string) {
	key := os.Getenv("STRIPE_API_KEY")
	home := os.Getenv("HOME")
	host := os.Getenv("SMTP_HOST")            // want "SMTP_HOST is read here but documented nowhere"
	pass, ok := os.LookupEnv(`SMTP_PASSWORD`) // want "SMTP_PASSWORD"
	// os.Getenv("IN_A_COMMENT")
	_ = ok
	return key + home, host, pass
}
