// activate() against a stub of the `vscode` module (VS Code itself cannot
// run here): the commands it registers are the manifest's, and a server
// binary that cannot be found is reported with a way to the setting.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { describe, it } from "node:test";

interface Recorded {
  commands: string[];
  errors: string[];
  log: string[];
  executed: unknown[][];
}

/** loadWithStub loads the compiled extension with `vscode` resolved to a recording stub. */
function loadWithStub(settings: Record<string, unknown>): { extension: any; recorded: Recorded } {
  const recorded: Recorded = { commands: [], errors: [], log: [], executed: [] };
  const disposable = { dispose() {} };
  const api: Record<string, unknown> = {
    window: {
      createOutputChannel: () => ({ appendLine: (line: string) => recorded.log.push(line), show() {}, dispose() {} }),
      // The user picks the first button offered.
      showErrorMessage: async (message: string, ...items: string[]) => (recorded.errors.push(message), items[0]),
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
    },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (key: string) => settings[key] }),
      onDidChangeConfiguration: () => disposable,
    },
    commands: {
      registerCommand: (id: string) => (recorded.commands.push(id), disposable),
      executeCommand: async (...args: unknown[]) => void recorded.executed.push(args),
    },
  };
  // vscode-languageclient extends a few vscode classes when it loads.
  const stub = new Proxy(api, { get: (target, key: string) => (key in target ? target[key] : class {}) });
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
  };
  require.cache["vscode"] = { id: "vscode", filename: "vscode", loaded: true, exports: stub } as NodeJS.Module;
  const file = require.resolve("../../src/extension");
  delete require.cache[file];
  try {
    return { extension: require(file), recorded };
  } finally {
    loader._resolveFilename = resolve;
  }
}

describe("activate", () => {
  it("registers the manifest's commands and reports a missing server binary", async () => {
    const { extension, recorded } = loadWithStub({ path: "expertise-ls-not-installed-anywhere" });
    await extension.activate({ subscriptions: [] });
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
    assert.deepEqual(recorded.commands, manifest.contributes.commands.map((c: { command: string }) => c.command));
    assert.equal(recorded.errors.length, 1);
    assert.match(recorded.errors[0], /"expertise-ls-not-installed-anywhere" is not on PATH/);
    assert.ok(recorded.log.some((line) => line.includes("is not on PATH")), "the error is not in the log");
    assert.deepEqual(recorded.executed, [["workbench.action.openSettings", "expertise-ls.path"]]);
  });
});
