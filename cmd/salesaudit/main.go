// Command salesaudit audits how first-line sales managers spend their time,
// from CRM exports.
package main

import (
	"os"

	"github.com/salesaudit/salesaudit/internal/cli"
)

func main() {
	go cli.StopAfterInterrupt(cli.InterruptGrace, os.Stderr, os.Exit)
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
