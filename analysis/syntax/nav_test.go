package syntax

import (
	"strings"
	"testing"
)

// offset returns the offset of the n-th (0-based) occurrence of marker in src.
func offset(t *testing.T, src, marker string, n int) int {
	t.Helper()
	at := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(src[at+1:], marker)
		if j < 0 {
			t.Fatalf("marker %q #%d not in source", marker, n)
		}
		at += 1 + j
	}
	return at
}

const (
	tsSrc = `import { verify } from './verify';
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  const event = stripe
    .webhooks
    .constructEvent(req.body, sig, secret); // constructEvent in a comment
  if (sig === expected) {}
});
export const handle = async (req: Request) => { return 1; };
@Controller('webhooks')
export class Hooks {
  @Post('stripe')
  @UseGuards(Guard)
  async stripe(@Req() req: any) { return 'constructEvent'; }
}
`
	pySrc = `@app.route("/webhook", methods=["POST"])
@verify_sig
def stripe_webhook():
    sig = request.headers.get("Stripe-Signature")
    if sig == expected:
        pass
    return hmac.compare_digest(a, b)  # compare_digest in a comment

class View:
    def post(self, request):
        pass
`
	goSrc = `package main

func main() {
	http.HandleFunc("/webhook", func(w http.ResponseWriter, r *http.Request) {
		if sig == expected {
		}
	})
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), secret)
}
`
	rbSrc = `class WebhooksController < ApplicationController
  def stripe
    sig = request.headers['Stripe-Signature']
    head :bad_request unless sig == expected
    Rack::Utils.secure_compare a, b
  end
end
post '/hooks' do
  'ok'
end
`
)

func TestEnclosingFunction(t *testing.T) {
	tests := []struct {
		lang              Lang
		src, at           string
		named             bool
		wantName, wantKnd string
	}{
		{TypeScript, tsSrc, "constructEvent", false, "", "arrow_function"},
		{TypeScript, tsSrc, "return 1", false, "handle", "arrow_function"},
		{TypeScript, tsSrc, "return 'constructEvent'", true, "stripe", "method_definition"},
		{Python, pySrc, "compare_digest", true, "stripe_webhook", "function_definition"},
		{Python, pySrc, "pass\n", true, "stripe_webhook", "function_definition"},
		{Go, goSrc, "sig ==", false, "", "func_literal"},
		{Go, goSrc, "sig ==", true, "main", "function_declaration"},
		{Go, goSrc, "ConstructEvent", true, "handle", "method_declaration"},
		{Ruby, rbSrc, "secure_compare", true, "stripe", "method"},
		{Ruby, rbSrc, "'ok'", false, "", "do_block"},
	}
	for _, tt := range tests {
		tree := Parse(tt.lang, []byte(tt.src))
		at := offset(t, tt.src, tt.at, 0)
		var fn Func
		var ok bool
		if tt.named {
			fn, ok = tree.EnclosingNamedFunction(at)
		} else {
			fn, ok = tree.EnclosingFunction(at)
		}
		if !ok || tree.Text(fn.Name) != tt.wantName || fn.Kind != tt.wantKnd || !fn.Body.Contains(at) {
			t.Errorf("%s: function around %q = %+v (name %q), %v; want %s %q", tt.lang, tt.at, fn, tree.Text(fn.Name), ok, tt.wantKnd, tt.wantName)
		}
		tree.Close()
	}
}

func TestFunctionNamedAt(t *testing.T) {
	tests := []struct {
		lang    Lang
		src, at string
		n       int
		want    bool
	}{
		{TypeScript, tsSrc, "handle", 0, true},
		{TypeScript, tsSrc, "stripe", 0, false}, // in the path string, not a name
		{TypeScript, tsSrc, "stripe(", 0, true},
		{Python, pySrc, "stripe_webhook", 0, true},
		{Python, pySrc, "post", 0, true},
		{Go, goSrc, "handle", 0, true},
		{Go, goSrc, "main", 1, true},
		{Ruby, rbSrc, "stripe", 0, true},
		{Ruby, rbSrc, "sig", 0, false},
	}
	for _, tt := range tests {
		tree := Parse(tt.lang, []byte(tt.src))
		name := strings.TrimSuffix(tt.at, "(")
		at := offset(t, tt.src, tt.at, tt.n)
		fn, ok := tree.FunctionNamedAt(at, at+len(name))
		if ok != tt.want || ok && tree.Text(fn.Name) != name {
			t.Errorf("%s: FunctionNamedAt(%q #%d) = %+v, %v; want %v", tt.lang, tt.at, tt.n, fn, ok, tt.want)
		}
		tree.Close()
	}
}

func TestCallAt(t *testing.T) {
	tests := []struct {
		lang     Lang
		src, at  string
		callee   string
		args     int
		hasBlock bool
	}{
		{TypeScript, tsSrc, "post", "app.post", 3, false},
		{TypeScript, tsSrc, "constructEvent(", "stripe.webhooks.constructEvent", 3, false},
		{TypeScript, tsSrc, "raw(", "express.raw", 1, false},
		{Python, pySrc, "compare_digest", "hmac.compare_digest", 2, false},
		{Python, pySrc, "route", "app.route", 2, false},
		{Go, goSrc, "HandleFunc", "http.HandleFunc", 2, false},
		{Go, goSrc, "ConstructEvent", "webhook.ConstructEvent", 3, false},
		{Ruby, rbSrc, "secure_compare", "Rack::Utils.secure_compare", 2, false},
		{Ruby, rbSrc, "post", "post", 1, true},
	}
	for _, tt := range tests {
		tree := Parse(tt.lang, []byte(tt.src))
		at := offset(t, tt.src, strings.TrimSuffix(tt.at, "("), 0)
		call, ok := tree.CallAt(at)
		if !ok || call.Callee != tt.callee || len(call.Args) != tt.args || call.Block.Empty() == tt.hasBlock {
			t.Errorf("%s: CallAt(%q) = %+v, %v; want %s with %d args", tt.lang, tt.at, call, ok, tt.callee, tt.args)
		}
		tree.Close()
	}
}

func TestInCommentOrString(t *testing.T) {
	tests := []struct {
		lang    Lang
		src, at string
		n       int
		want    bool
	}{
		{TypeScript, tsSrc, "constructEvent", 0, false},
		{TypeScript, tsSrc, "constructEvent", 1, true},
		{TypeScript, tsSrc, "constructEvent", 2, true},
		{Python, pySrc, "compare_digest", 0, false},
		{Python, pySrc, "compare_digest", 1, true},
		{Go, goSrc, "Stripe-Signature", 0, true},
		{Ruby, rbSrc, "Stripe-Signature", 0, true},
		{Ruby, rbSrc, "secure_compare", 0, false},
	}
	for _, tt := range tests {
		tree := Parse(tt.lang, []byte(tt.src))
		at := offset(t, tt.src, tt.at, tt.n)
		if got := tree.InCommentOrString(at, at+len(tt.at)); got != tt.want {
			t.Errorf("%s: InCommentOrString(%q #%d) = %v", tt.lang, tt.at, tt.n, got)
		}
		tree.Close()
	}
}

func TestBinaryAt(t *testing.T) {
	tests := []struct {
		lang               Lang
		src, op            string
		wantLeft, wantRght string
	}{
		{TypeScript, tsSrc, "===", "sig", "expected"},
		{Python, pySrc, "==", "sig", "expected"},
		{Go, goSrc, "==", "sig", "expected"},
		{Ruby, rbSrc, "==", "sig", "expected"},
	}
	for _, tt := range tests {
		tree := Parse(tt.lang, []byte(tt.src))
		at := offset(t, tt.src, tt.op, 0)
		b, ok := tree.BinaryAt(at, at+len(tt.op))
		if !ok || b.Op != tt.op || tree.Text(b.Left) != tt.wantLeft || tree.Text(b.Right) != tt.wantRght {
			t.Errorf("%s: BinaryAt(%q) = %+v, %v", tt.lang, tt.op, b, ok)
		}
		if _, ok := tree.BinaryAt(at, at+1); ok {
			t.Errorf("%s: BinaryAt on part of %q found a comparison", tt.lang, tt.op)
		}
		tree.Close()
	}
}

func TestDecorators(t *testing.T) {
	tests := []struct {
		lang     Lang
		src, at  string
		wantName string
		want     int
	}{
		{TypeScript, tsSrc, "@Post", "stripe", 2},
		{TypeScript, tsSrc, "@UseGuards", "stripe", 2},
		{Python, pySrc, "@verify_sig", "stripe_webhook", 2},
	}
	for _, tt := range tests {
		tree := Parse(tt.lang, []byte(tt.src))
		fn, ok := tree.DecoratedFunction(offset(t, tt.src, tt.at, 0) + 1)
		if !ok || tree.Text(fn.Name) != tt.wantName {
			t.Errorf("%s: DecoratedFunction(%q) = %+v, %v", tt.lang, tt.at, fn, ok)
		} else if got := tree.Decorators(fn.Span); len(got) != tt.want {
			t.Errorf("%s: Decorators(%s) = %d, want %d", tt.lang, tt.wantName, len(got), tt.want)
		}
		tree.Close()
	}
	tree := Parse(TypeScript, []byte(tsSrc))
	defer tree.Close()
	class, ok := tree.EnclosingClass(offset(t, tsSrc, "async stripe", 0))
	if !ok || tree.Text(class.Name) != "Hooks" {
		t.Fatalf("EnclosingClass = %+v, %v", class, ok)
	}
	if got := tree.Decorators(class.Span); len(got) != 1 || !strings.HasPrefix(tree.Text(got[0]), "@Controller") {
		t.Errorf("class decorators = %v", got)
	}
}

func TestCalleeBefore(t *testing.T) {
	tests := []struct{ src, name, want string }{
		{"x = stripe.webhooks\n    .constructEvent(a)", "constructEvent", "stripe.webhooks.constructEvent"},
		{"crypto.createHmac('sha256', k).update(b).digest('hex')", "digest", "crypto.createHmac.update.digest"},
		{"Rack::Utils.secure_compare(a, b)", "secure_compare", "Rack::Utils.secure_compare"},
		{"this.svc?.client!.verify(x)", "verify", "this.svc.client.verify"},
		{"@verifier.valid?(x)", "valid?", "@verifier.valid?"},
		{"return verify(x)", "verify", "verify"},
		{"(a || b).verify()", "verify", "verify"},
	}
	for _, tt := range tests {
		i := strings.Index(tt.src, tt.name)
		if _, got := CalleeBefore([]byte(tt.src), i, i+len(tt.name)); got != tt.want {
			t.Errorf("CalleeBefore(%q, %q) = %q, want %q", tt.src, tt.name, got, tt.want)
		}
	}
}

func TestNormalizeCallee(t *testing.T) {
	tests := []struct{ in, want string }{
		{"new Webhook(secret).verify", "Webhook.verify"},
		{"await stripe\n  .webhooks\n  .constructEvent", "stripe.webhooks.constructEvent"},
		{"a?.b!.c", "a.b.c"},
		{"req.headers['x'].get", "req.headers.get"},
	}
	for _, tt := range tests {
		if got := NormalizeCallee(tt.in); got != tt.want {
			t.Errorf("NormalizeCallee(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
