package worker

import "os"

// Config is filled by envconfig.
type Config struct {
	Queue   string `env:"QUEUE_NAME,required"`
	Timeout int    `envconfig:"WORKER_TIMEOUT" default:"30"`
}

var (
	timeout = os.Getenv("WORKER_TIMEOUT")
	cache   = os.Getenv("GOCACHE")
	token   = os.Getenv("WORKER_TOKEN") // want "WORKER_TOKEN is read here but documented nowhere"
)
