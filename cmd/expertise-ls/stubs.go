package main

import "io"

// Stubs replaced by the owners of each subcommand.
func serveCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return exitUsage }
func learnCmd(args []string, stdout, stderr io.Writer) int                  { return exitUsage }
func catalogCmd(args []string, stdout, stderr io.Writer) int                { return exitUsage }
func touchCmd(args []string, stdout, stderr io.Writer) int                  { return exitUsage }
