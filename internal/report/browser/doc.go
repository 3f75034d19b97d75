// Package browser checks the HTML report in a real browser: headless
// Chromium renders the acme report at a desktop's and a phone's width,
// prints it to PDF on A4 and Letter, and the test fails on a page wider
// than the window, on a console error, or on a manager who does not start
// a page. Its test is behind the build tag browser, so that go test ./...
// neither needs a browser nor waits for one:
//
//	apt-get install -y chromium
//	go test -tags browser ./internal/report/browser
//	go test -tags browser ./internal/report/browser -args -shots /tmp/shots
//
// -shots writes the screenshots and the PDFs to a folder; its overview.png
// is docs/report-overview.png. SALESAUDIT_CHROMIUM names another browser
// binary; without one the test is skipped.
package browser
