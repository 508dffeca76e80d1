// Package clientretry holds client-no-retry: hand-written HTTP calls to a
// provider's API in a workspace whose expertise says to retry with backoff.
package clientretry

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

const code = "client-no-retry"

// ClientRetry reports client-no-retry, only where an expertise convention
// names retrying ("ALWAYS implement retry with backoff"), which the finding
// points at:
//   - a provider's API called by hand (fetch, axios, requests, httpx,
//     net/http, Net::HTTP, HTTParty, Faraday; a URL literal with the API's
//     host as an argument of the call) in a file with no sign of retrying (no
//     retry, retries, backoff or attempt in its code); got and ky retry by
//     default and count as retrying, and SDK calls are not hand-written;
//   - in such a file, a 429 that is compared with but Retry-After never read.
var ClientRetry = &analysis.Analyzer{
	Name: "clientretry",
	Doc:  "finds hand-written calls to provider APIs without retry or backoff",
	Rules: []analysis.Rule{{
		Code:     code,
		Severity: analysis.SeverityInfo,
		Summary:  "Provider API called by hand without retry or backoff",
		Help: "Retry transient failures (network errors, 429, 5xx) with exponential backoff and jitter, wait what " +
			"a 429's Retry-After says, and stop calling a service that keeps failing; or use the provider's SDK when " +
			"it retries on its own. Reported only where the expertise states a retry convention.",
		Convention: []string{"retry"},
	}},
	Run: run,
}

// retryWords in a file's code or strings say it retries (a loop, a
// library: p-retry, async-retry, axios-retry, tenacity, backoff,
// retryablehttp, faraday-retry, urllib3's Retry).
var retryWords = []string{"retry", "retries", "backoff", "attempt"}

func run(pass *analysis.Pass) {
	f := pass.File
	if f.Role() != knowledge.RoleSource || oneOff(f.Rel) {
		return
	}
	lf := knowledge.Get().Language(f.Lang.Family())
	if lf == nil || len(lf.HTTPCalls) == 0 {
		return
	}
	var hosts []analysis.ProviderUse
	for _, u := range analysis.FindProviderUses(f) {
		if strings.HasPrefix(u.Why, "calls ") {
			hosts = append(hosts, u)
		}
	}
	if len(hosts) == 0 || !pass.BreaksConvention(code) { // most files call no API: the cheap test first
		return
	}
	lx, lower := f.Lexed(), f.Lower()
	retries := lx.AnyOutsideComments(lower, retryWords)
	t := f.Tree()
	handWritten := false
	for _, u := range hosts {
		call, ok := httpCallAround(t, u.Range.Start.Offset, lf)
		if !ok || !needsRetry(u.Provider, literalAround(lx, lower, u.Range.Start.Offset)) {
			continue
		}
		handWritten = true
		if retries || knowledge.MatchesAny(call.Callee, lf.RetryingHTTPCalls) {
			continue
		}
		p := knowledge.Get().Provider(u.Provider)
		msg := fmt.Sprintf("%s calls the %s API by hand with no retry: a network error, 429 or 5xx fails the operation "+
			"outright; retry with exponential backoff and jitter, honouring Retry-After", call.Callee, p.Name)
		if p.SDKRetries != "" {
			msg += "; or use the SDK: " + p.SDKRetries
		}
		pass.Report(analysis.Diagnostic{Range: f.Range(call.CalleeSpan.Start, call.CalleeSpan.End), Code: code, Message: msg})
	}
	if handWritten && !lx.AnyOutsideComments(lower, []string{"retry-after", "retry_after", "retryafter"}) {
		if at, end, ok := rateLimitCheck(lx, lower); ok {
			pass.Report(analysis.Diagnostic{Range: f.Range(at, end), Code: code, Message: "a 429 (rate limited) is handled " +
				"here without reading the Retry-After header: wait as long as it says before calling again, instead of a fixed delay or none"})
		}
	}
}

// oneOffDirs hold scripts run by hand, which are run again when they fail.
var oneOffDirs = map[string]bool{"scripts": true, "script": true, "tools": true, "bin": true, "dev": true}

func oneOff(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if oneOffDirs[seg] {
			return true
		}
	}
	return false
}

// needsRetry reports whether a call to url (lower case) is one to retry:
// not an OAuth authorization-code or token exchange (a code is good once;
// the user starts again), not an S3 object fetched as a file.
func needsRetry(provider, url string) bool {
	if strings.Contains(url, "oauth") || strings.Contains(url, "/token") || strings.Contains(url, "verifypassword") {
		return false
	}
	return !(provider == "aws" && (strings.Contains(url, ".s3.") || strings.Contains(url, "//s3.") || strings.Contains(url, ".s3-")))
}

// literalAround returns the lower-case text of the literal holding offset.
func literalAround(lx *codelex.Lexed, lower []byte, offset int) string {
	if sp, ok := lx.SpanAt(offset); ok {
		return string(lower[sp.Start:sp.End])
	}
	return ""
}

// httpCallAround returns the hand-written HTTP call that takes the literal
// at offset as an argument, directly or inside one wrapping call (URI(...),
// new URL(...)).
func httpCallAround(t *syntax.Tree, offset int, lf *knowledge.LanguageFacts) (syntax.Call, bool) {
	call, ok := t.EnclosingCall(offset)
	for i := 0; ok && i < 3; i++ {
		if knowledge.MatchesAny(call.Callee, lf.HTTPCalls) {
			return call, true
		}
		if call.Start == 0 {
			break
		}
		call, ok = t.EnclosingCall(call.Start - 1)
	}
	return syntax.Call{}, false
}

// rateLimitCheck finds the first comparison with 429 or a too-many-requests
// status in code: === 429, == 429, case 429, StatusTooManyRequests,
// :too_many_requests.
func rateLimitCheck(lx *codelex.Lexed, lower []byte) (int, int, bool) {
	for _, w := range []string{"429", "statustoomanyrequests", "too_many_requests", "toomanyrequests"} {
		for from := 0; ; {
			k := bytes.Index(lower[from:], []byte(w))
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(w)
			if lx.KindAt(at) != codelex.Code || at > 0 && codelex.IsIdentByte(lower[at-1]) && w == "429" ||
				at+len(w) < len(lower) && codelex.IsIdentByte(lower[at+len(w)]) {
				continue
			}
			if w == "429" {
				before := bytes.TrimRight(lower[max(0, at-8):at], " \t(")
				if !bytes.HasSuffix(before, []byte("==")) && !bytes.HasSuffix(before, []byte("case")) && !bytes.HasSuffix(before, []byte("when")) {
					continue
				}
			}
			return at, at + len(w), true
		}
	}
	return 0, 0, false
}
