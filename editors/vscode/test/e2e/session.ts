// A scripted LSP client for the end-to-end tests: it starts the server
// binary (EXPERTISE_LS_BIN) on a copy of the example workspace and talks to
// it over stdio with vscode-languageserver-protocol, the library VS Code's
// client is built on. Like an editor it answers workspace/configuration and
// workspace/applyEdit (applying the edit to open documents, which it then
// saves, and to files on disk). Waits are on messages, bounded by a deadline.

import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  ConfigurationRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  LogMessageNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  TextEdit,
  WorkDoneProgressCreateRequest,
  WorkspaceEdit,
  ApplyWorkspaceEditRequest,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";

/** How long any one wait may take before the test fails. */
export const DEADLINE_MS = 30_000;

const LANGUAGE_IDS: Record<string, string> = {
  ".ts": "typescript",
  ".tsx": "typescriptreact",
  ".js": "javascript",
  ".jsx": "javascriptreact",
  ".py": "python",
  ".go": "go",
  ".rb": "ruby",
  ".yaml": "yaml",
  ".yml": "yaml",
};

/** serverBinary is the server under test, built by editors_test.go. */
export function serverBinary(): string {
  const bin = process.env.EXPERTISE_LS_BIN;
  if (!bin) {
    throw new Error("EXPERTISE_LS_BIN is not set: run these tests through `go test ./editors/`, which builds the server");
  }
  return bin;
}

/** copyExamples copies the repository's examples/ into a new temporary directory and returns it. */
export function copyExamples(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "go.mod"))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no go.mod above ${__dirname}: cannot find the repository's examples/`);
    }
    dir = parent;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "expertise-e2e-"));
  fs.cpSync(path.join(dir, "examples"), root, { recursive: true });
  return root;
}

/** The options of one session. */
export interface SessionOptions {
  /** Advertise pull diagnostics (textDocument/diagnostic). */
  pull?: boolean;
  initializationOptions?: object;
  /** What workspace/configuration answers for the "expertise-ls" section; null when unset. */
  settings?: object | null;
}

interface OpenDocument {
  uri: string;
  version: number;
  text: string;
}

/** Session is one server process and the client state around it. */
export class Session {
  readonly root: string;
  readonly conn: ProtocolConnection;
  initializeResult!: InitializeResult;
  /** What workspace/configuration answers; tests change it before didChangeConfiguration. */
  settings: object | null;
  /** Every edit the server asked the client to apply, in order. */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];

  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private readonly docs = new Map<string, OpenDocument>(); // by file path
  private readonly published = new Map<string, Diagnostic[]>(); // latest per file path
  private readonly listeners = new Set<() => void>();
  private readonly transcript: string[] = []; // stderr, log and show messages, for failure reports

  private constructor(root: string, options: SessionOptions) {
    this.root = root;
    this.settings = options.settings ?? null;
    this.child = spawn(serverBinary(), ["serve"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    this.child.stderr!.on("data", (chunk: Buffer) => this.note(`stderr: ${chunk.toString().trimEnd()}`));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(fileURLToPath(p.uri), p.diagnostics);
      this.changed();
    });
    this.conn.onNotification(LogMessageNotification.type, (p) => this.note(`log: ${p.message}`));
    this.conn.onNotification(ShowMessageNotification.type, (p) => this.note(`show: ${p.message}`));
    this.conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === "expertise-ls" ? this.settings : null)));
    this.conn.onRequest(RegistrationRequest.type, () => undefined);
    this.conn.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.appliedEdits.push(p);
      try {
        this.applyEdit(p.edit);
        return { applied: true };
      } catch (err) {
        return { applied: false, failureReason: String(err) };
      }
    });
    this.conn.listen();
  }

  /** start launches the server on root and completes initialize/initialized. */
  static async start(root: string, options: SessionOptions = {}): Promise<Session> {
    const s = new Session(root, options);
    const capabilities: ClientCapabilities = {
      workspace: { applyEdit: true, configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { relatedInformation: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] } },
          dataSupport: true,
          resolveSupport: { properties: ["edit"] },
        },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    s.initializeResult = await s.within("initialize", () =>
      s.conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: "expertise-e2e" },
        rootUri: pathToFileURL(root).href,
        workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
        capabilities,
        initializationOptions: options.initializationOptions,
      }),
    );
    await s.conn.sendNotification(InitializedNotification.type, {});
    return s;
  }

  /** file is the absolute path of a workspace-relative one. */
  file(rel: string): string {
    return path.join(this.root, rel);
  }

  /** uri is the file URI of a workspace-relative path. */
  uri(rel: string): string {
    return pathToFileURL(this.file(rel)).href;
  }

  /** open sends didOpen with the file's text on disk. */
  async open(rel: string): Promise<void> {
    const file = this.file(rel);
    const doc = { uri: this.uri(rel), version: 1, text: fs.readFileSync(file, "utf8") };
    this.docs.set(file, doc);
    const languageId = LANGUAGE_IDS[path.extname(file)] ?? "plaintext";
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { ...doc, languageId } });
  }

  /** text is an open document's text, else the file's text on disk. */
  text(rel: string): string {
    const file = this.file(rel);
    return this.docs.get(file)?.text ?? fs.readFileSync(file, "utf8");
  }

  /** waitForDiagnostics resolves with the first published set for rel that satisfies ok. */
  waitForDiagnostics(rel: string, ok: (ds: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    const file = this.file(rel);
    return this.until(`diagnostics on ${rel}: ${what}`, () => {
      const ds = this.published.get(file);
      return ds !== undefined && ok(ds) ? ds : undefined;
    });
  }

  /** within bounds a request by the deadline and names it, with the server's transcript, on failure. */
  async within<T>(what: string, request: () => Thenable<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.failure(`no answer to ${what}`)), DEADLINE_MS);
    });
    try {
      return await Promise.race([Promise.resolve(request()), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** stop shuts the server down and checks that it exits with status 0. */
  async stop(): Promise<void> {
    try {
      await this.within("shutdown", () => this.conn.sendRequest(ShutdownRequest.type));
      await this.conn.sendNotification(ExitNotification.type);
      const code = await this.within("exit", () => this.exited);
      if (code !== 0) {
        throw this.failure(`the server exited with status ${code} after shutdown and exit`);
      }
    } finally {
      this.conn.dispose();
      this.child.kill();
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }

  private until<T>(what: string, probe: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const got = probe();
        if (got !== undefined) {
          done();
          resolve(got);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(this.failure(`timed out waiting for ${what}; last published: ${JSON.stringify(Object.fromEntries(this.published))}`));
      }, DEADLINE_MS);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  private changed(): void {
    [...this.listeners].forEach((l) => l());
  }

  private note(line: string): void {
    this.transcript.push(line);
  }

  private failure(message: string): Error {
    return new Error(`${message}\n--- server transcript ---\n${this.transcript.slice(-40).join("\n")}`);
  }

  /** applyEdit applies a workspace edit as an editor does, then saves: open documents change and are saved, others are written. */
  applyEdit(edit: WorkspaceEdit): void {
    const perFile = new Map<string, TextEdit[]>();
    const add = (uri: string, edits: TextEdit[]) => {
      const file = fileURLToPath(uri);
      perFile.set(file, [...(perFile.get(file) ?? []), ...edits]);
    };
    for (const change of edit.documentChanges ?? []) {
      if ("kind" in change) {
        if (change.kind !== "create") {
          throw new Error(`unexpected resource operation ${change.kind}`);
        }
        const file = fileURLToPath(change.uri);
        if (!fs.existsSync(file) || change.options?.overwrite) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, "");
        }
      } else {
        add(change.textDocument.uri, change.edits as TextEdit[]);
      }
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      add(uri, edits);
    }
    for (const [file, edits] of perFile) {
      const doc = this.docs.get(file);
      const text = applyTextEdits(doc ? doc.text : fs.readFileSync(file, "utf8"), edits);
      fs.writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      if (doc) {
        doc.text = text;
        doc.version++;
        void this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: doc.version },
          contentChanges: [{ text }],
        });
        void this.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      } else {
        void this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
      }
    }
  }
}

/** applyTextEdits applies non-overlapping LSP edits (UTF-16 positions, as JavaScript strings count) to text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n") {
      lineStarts.push(i + 1);
    }
  }
  const offset = (p: { line: number; character: number }) =>
    p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line] + p.character, text.length);
  const sorted = edits
    .map((e, index) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText, index }))
    // Last first, so earlier offsets stay valid; inserts at one position keep their array order.
    .sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}
