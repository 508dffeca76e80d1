package main

import "os"

// No provider here: only the env example file documents OTHER_VAR.
var other = os.Getenv("OTHER_VAR") // want "OTHER_VAR is read here"
