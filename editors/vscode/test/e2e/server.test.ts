// End-to-end: the built server over stdio, driven by the protocol library
// VS Code's client is built on, on a copy of examples/. Each test has its own
// server process and its own copy.

import assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import {
  CodeAction,
  CodeActionKind,
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRequest,
  Command,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  MarkupContent,
  TextDocumentSyncKind,
} from "vscode-languageserver-protocol/node";

import { SERVER_COMMANDS } from "../../src/commands";
import { Session, SessionOptions, copyExamples } from "./session";

const STRIPE = "src/integrations/clients/stripe.ts";
const GITHUB = "src/integrations/webhooks/github.ts";
const ENV_EXAMPLE = ".env.example";
const EXPERTISE = ".agileflow/experts/integrations/expertise.yaml";

/** withSession runs fn against a fresh server on a fresh copy of examples/, and always stops it. */
async function withSession(options: SessionOptions, fn: (s: Session) => Promise<void>): Promise<void> {
  const s = await Session.start(copyExamples(), options);
  try {
    await fn(s);
  } finally {
    await s.stop();
  }
}

function hasCode(code: string): (ds: Diagnostic[]) => boolean {
  return (ds) => ds.some((d) => d.code === code);
}

function find(ds: Diagnostic[], code: string): Diagnostic {
  const d = ds.find((x) => x.code === code);
  assert.ok(d, `no ${code} among ${JSON.stringify(ds)}`);
  return d;
}

/** stripeSecret is the hardcoded key in the example client. */
function stripeSecret(s: Session): string {
  const m = /sk_(live|test)_[A-Za-z0-9]+/.exec(s.text(STRIPE));
  assert.ok(m, `${STRIPE} holds no Stripe secret key`);
  return m[0];
}

/** perform carries out a code action as VS Code does: resolve it if needed, apply its edit, run its command. */
async function perform(s: Session, action: CodeAction): Promise<void> {
  let a = action;
  if (!a.edit && !a.command) {
    a = await s.within("codeAction/resolve", () => s.conn.sendRequest(CodeActionResolveRequest.type, action));
  }
  if (a.edit) {
    s.applyEdit(a.edit);
  }
  if (a.command) {
    const { command, arguments: args } = a.command;
    await s.within(command, () => s.conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }));
  }
}

function today(): string {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

describe("expertise-ls over stdio", () => {
  it("initialize advertises incremental sync and the commands, and no pull diagnostics to a push client", () =>
    withSession({}, async (s) => {
      const caps = s.initializeResult.capabilities;
      const sync = caps.textDocumentSync;
      assert.equal(typeof sync === "object" ? sync.change : sync, TextDocumentSyncKind.Incremental);
      const commands = caps.executeCommandProvider?.commands ?? [];
      for (const command of Object.values(SERVER_COMMANDS)) {
        assert.ok(commands.includes(command), `${command} is not among the advertised commands ${JSON.stringify(commands)}`);
      }
      assert.ok(caps.codeActionProvider, "no codeActionProvider");
      assert.equal(caps.diagnosticProvider, undefined);
    }));

  it("pushes hardcoded-secret and unverified-webhook diagnostics, without the secret's value", () =>
    withSession({}, async (s) => {
      const secret = stripeSecret(s);
      await s.open(STRIPE);
      await s.open(GITHUB);
      const stripe = await s.waitForDiagnostics(STRIPE, hasCode("hardcoded-secret"), "hardcoded-secret");
      const github = await s.waitForDiagnostics(GITHUB, hasCode("unverified-webhook"), "unverified-webhook");
      const d = find(stripe, "hardcoded-secret");
      const line = s.text(STRIPE).split("\n")[d.range.start.line];
      assert.ok(line.includes(secret.slice(0, 12)), `hardcoded-secret points at line ${d.range.start.line}: ${JSON.stringify(line)}`);
      assert.equal(find(github, "unverified-webhook").source, "expertise-ls");
      for (const diag of [...stripe, ...github]) {
        assert.ok(!JSON.stringify(diag).includes(secret.slice(0, 12)), `a diagnostic reveals the secret: ${diag.message}`);
      }
    }));

  it("takes rule severities from initializationOptions, then from workspace/configuration", () =>
    withSession({ initializationOptions: { rules: { "unverified-webhook": "hint" } } }, async (s) => {
      await s.open(GITHUB);
      await s.waitForDiagnostics(
        GITHUB,
        (ds) => ds.some((d) => d.code === "unverified-webhook" && d.severity === DiagnosticSeverity.Hint),
        "unverified-webhook as a hint",
      );
      s.settings = { rules: { "unverified-webhook": "error" } };
      await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await s.waitForDiagnostics(
        GITHUB,
        (ds) => ds.some((d) => d.code === "unverified-webhook" && d.severity === DiagnosticSeverity.Error),
        "unverified-webhook as an error after the configuration changed",
      );
    }));

  it("answers textDocument/diagnostic for a client with pull diagnostics", () =>
    withSession({ pull: true }, async (s) => {
      assert.ok(s.initializeResult.capabilities.diagnosticProvider, "no diagnosticProvider for a pull client");
      for (const [rel, code] of [
        [STRIPE, "hardcoded-secret"],
        [GITHUB, "unverified-webhook"],
      ]) {
        await s.open(rel);
        const report = await s.within(`textDocument/diagnostic ${rel}`, () =>
          s.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: s.uri(rel) } }),
        );
        assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
        find(report.kind === DocumentDiagnosticReportKind.Full ? report.items : [], code);
      }
    }));

  it("source.fixAll.expertise-ls applies the safe fixes: a stale expertise file gets today's last_updated", () =>
    withSession({}, async (s) => {
      await s.open(EXPERTISE);
      await s.waitForDiagnostics(EXPERTISE, hasCode("expertise-stale"), "expertise-stale");
      const lines = s.text(EXPERTISE).split("\n");
      const actions = await s.within("codeAction source.fixAll", () =>
        s.conn.sendRequest(CodeActionRequest.type, {
          textDocument: { uri: s.uri(EXPERTISE) },
          range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } },
          context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] },
        }),
      );
      const fixAll = (actions ?? []).find((a): a is CodeAction => CodeAction.is(a) && a.kind === "source.fixAll.expertise-ls");
      assert.ok(fixAll, `no source.fixAll.expertise-ls among ${JSON.stringify(actions)}`);

      await perform(s, fixAll);

      assert.match(s.text(EXPERTISE), new RegExp(`^last_updated: ["']?${today()}["']?$`, "m"));
      await s.waitForDiagnostics(EXPERTISE, (ds) => !hasCode("expertise-stale")(ds), "expertise-stale gone after fix-all");
    }));

  it("hover on the stripe import shows its catalog entry, conventions and learnings, never the secret", () =>
    withSession({}, async (s) => {
      const secret = stripeSecret(s);
      await s.open(STRIPE);
      await s.waitForDiagnostics(STRIPE, hasCode("hardcoded-secret"), "hardcoded-secret");
      const hover = await s.within("hover", () =>
        s.conn.sendRequest(HoverRequest.type, { textDocument: { uri: s.uri(STRIPE) }, position: { line: 0, character: 20 } }),
      );
      assert.ok(hover && MarkupContent.is(hover.contents), `hover: ${JSON.stringify(hover)}`);
      const value = (hover.contents as MarkupContent).value;
      assert.equal((hover.contents as MarkupContent).kind, "markdown");
      assert.match(value, /\*\*Stripe\*\* \(payment\) in the integrations catalog/);
      assert.match(value, /NEVER hardcode API keys/);
      assert.match(value, /Stripe webhooks need express\.raw\(\)/);
      assert.ok(!value.includes(secret.slice(0, 12)), "the hover reveals the secret");
      const onSecret = await s.within("hover on the secret", () =>
        s.conn.sendRequest(HoverRequest.type, { textDocument: { uri: s.uri(STRIPE) }, position: { line: 3, character: 30 } }),
      );
      assert.ok(!JSON.stringify(onSecret ?? null).includes(secret.slice(0, 12)), "a hover on the secret reveals it");
    }));

  it("code lenses: the GitHub handler is not verified; Stripe's catalog entry lists the files that use it", () =>
    withSession({}, async (s) => {
      await s.open(GITHUB);
      await s.waitForDiagnostics(GITHUB, hasCode("unverified-webhook"), "unverified-webhook");
      const onHandler = await s.within("codeLens of the handler", () => s.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: s.uri(GITHUB) } }));
      assert.deepEqual((onHandler ?? []).map((l) => l.command?.title), ["GitHub webhook · signature not verified"]);
      const onExpert = await s.within("codeLens of the expertise file", () => s.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: s.uri(EXPERTISE) } }));
      const stripeLine = s.text(EXPERTISE).split("\n").findIndex((l) => l.includes("- name: Stripe"));
      const stripe = (onExpert ?? []).filter((l) => l.range.start.line === stripeLine);
      const uses = stripe.find((l) => /^used in \d+ files?$/.test(l.command?.title ?? ""));
      assert.ok(uses, `no "used in N files" lens on Stripe: ${JSON.stringify(stripe)}`);
      assert.equal(uses.command?.command, "expertise.showPlaces");
      const places = uses.command?.arguments?.[2] as { uri: string }[];
      assert.ok(places.some((p) => p.uri.endsWith("/src/integrations/clients/stripe.ts")), `places: ${JSON.stringify(places)}`);
      assert.ok(stripe.some((l) => /^\d+ learnings?$/.test(l.command?.title ?? "")), `no learnings lens on Stripe: ${JSON.stringify(stripe)}`);
    }));

  it("quick fix moves the secret to STRIPE_API_KEY and documents it once in .env.example", () =>
    withSession({}, async (s) => {
      const secret = stripeSecret(s);
      await s.open(STRIPE);
      const ds = await s.waitForDiagnostics(STRIPE, hasCode("hardcoded-secret"), "hardcoded-secret");
      const d = find(ds, "hardcoded-secret");
      const actions = await s.within("codeAction quickfix", () =>
        s.conn.sendRequest(CodeActionRequest.type, {
          textDocument: { uri: s.uri(STRIPE) },
          range: d.range,
          context: { diagnostics: [d], only: [CodeActionKind.QuickFix] },
        }),
      );
      const titles = (actions ?? []).map((a: Command | CodeAction) => a.title);
      const fix = (actions ?? []).find((a): a is CodeAction => CodeAction.is(a) && /^Move to environment variable STRIPE_API_KEY/.test(a.title));
      assert.ok(fix, `no "Move to environment variable STRIPE_API_KEY" among ${JSON.stringify(titles)}`);
      assert.equal(fix.kind, CodeActionKind.QuickFix);
      assert.ok(!JSON.stringify(actions).includes(secret.slice(0, 12)), "a code action reveals the secret");

      await perform(s, fix);

      const code = s.text(STRIPE);
      assert.match(code, /process\.env\.STRIPE_API_KEY/);
      assert.ok(!code.includes(secret), `${STRIPE} still holds the secret`);
      const env = fs.readFileSync(s.file(ENV_EXAMPLE), "utf8");
      assert.equal(env.match(/^STRIPE_API_KEY=/gm)?.length, 1, `.env.example:\n${env}`);
      assert.match(env, /^STRIPE_API_KEY=$/m);
      assert.ok(!env.includes(secret.slice(0, 12)), ".env.example holds the secret");
      await s.waitForDiagnostics(STRIPE, (x) => !hasCode("hardcoded-secret")(x), "hardcoded-secret gone after the fix");
    }));

  it("expertise.addLearning records the learning in the expertise file through workspace/applyEdit", () =>
    withSession({}, async (s) => {
      await s.open(GITHUB);
      await s.waitForDiagnostics(GITHUB, hasCode("unverified-webhook"), "unverified-webhook");
      const before = fs.readFileSync(s.file(EXPERTISE), "utf8");
      const insight = "GitHub deploy webhooks must check X-Hub-Signature-256 before deploying";
      await s.within(SERVER_COMMANDS.addLearning, () =>
        s.conn.sendRequest(ExecuteCommandRequest.type, {
          command: SERVER_COMMANDS.addLearning,
          arguments: [{ insight, context: "e2e: VS Code client", files_affected: [GITHUB] }],
        }),
      );
      const touched = s.appliedEdits.flatMap((p) => [
        ...Object.keys(p.edit.changes ?? {}),
        ...(p.edit.documentChanges ?? []).map((c) => ("textDocument" in c ? c.textDocument.uri : c.kind === "rename" ? c.newUri : c.uri)),
      ]);
      assert.ok(touched.includes(s.uri(EXPERTISE)), `no workspace/applyEdit on ${EXPERTISE}; edited: ${JSON.stringify(touched)}`);
      const after = fs.readFileSync(s.file(EXPERTISE), "utf8");
      const learnings = after.slice(after.indexOf("\nlearnings:"));
      assert.ok(learnings.includes(insight), `the insight is not under learnings:\n${learnings}`);
      assert.equal(after.match(/^\s*-?\s*insight:/gm)?.length, (before.match(/^\s*-?\s*insight:/gm)?.length ?? 0) + 1);
      assert.ok(learnings.includes(today()), `the learning is not dated ${today()}:\n${learnings}`);
    }));
});
