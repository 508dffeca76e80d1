// The VS Code extension: starts expertise-ls over stdio for the languages it
// analyses, passes the "expertise-ls" settings to it (initializationOptions
// and workspace/configuration), and offers the palette commands. The logic
// worth testing lives in settings.ts, commands.ts and serverPath.ts.

import * as os from "os";
import * as vscode from "vscode";
import {
  ConfigurationParams,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
} from "vscode-languageclient/node";

import {
  SERVER_COMMANDS,
  catalogArguments,
  executeCommandParams,
  learningArguments,
  placesArguments,
  requireText,
  validateCategory,
  validateEnvVarList,
} from "./commands";
import { resolveServerPath } from "./serverPath";
import { SECTION, ServerSettings, serverSettings } from "./settings";

/** The languages the server analyses; expertise files are yaml. */
const LANGUAGES = ["typescript", "typescriptreact", "javascript", "javascriptreact", "python", "go", "ruby", "yaml"];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let trace: vscode.OutputChannel;
let reportedProblems = ""; // the settings problems last shown, so each is shown once

/** activate starts the server and registers the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Expertise");
  trace = vscode.window.createOutputChannel("Expertise Trace");
  context.subscriptions.push(
    output,
    trace,
    vscode.commands.registerCommand("expertise-ls.recordLearning", recordLearning),
    vscode.commands.registerCommand("expertise-ls.addCatalogEntry", addCatalogEntry),
    vscode.commands.registerCommand("expertise-ls.restartServer", restartServer),
    vscode.commands.registerCommand("expertise-ls.showLogs", () => output.show(true)),
    vscode.commands.registerCommand("expertise.showPlaces", showPlaces),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.path`)) {
        void restartServer();
      }
    }),
  );
  await startServer();
}

/** showPlaces lists a code lens's places (files using an integration, learnings naming it) as references. */
async function showPlaces(...args: unknown[]): Promise<void> {
  const parsed = placesArguments(args);
  if (!parsed) {
    output.appendLine(`expertise.showPlaces: unexpected arguments ${JSON.stringify(args)}`);
    return;
  }
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await vscode.commands.executeCommand(
    "editor.action.showReferences",
    vscode.Uri.parse(parsed.uri),
    new vscode.Position(parsed.position.line, parsed.position.character),
    parsed.places.map((p) => new vscode.Location(vscode.Uri.parse(p.uri), range(p.range))),
  );
}

/** deactivate stops the server. */
export async function deactivate(): Promise<void> {
  await stopServer();
}

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
}

async function startServer(): Promise<void> {
  const resolved = resolveServerPath({
    setting: vscode.workspace.getConfiguration(SECTION).get<string>("path"),
    workspaceFolder: workspaceFolder(),
    home: os.homedir(),
    env: process.env,
    platform: process.platform,
  });
  if ("error" in resolved) {
    output.appendLine(resolved.error);
    const choice = await vscode.window.showErrorMessage(resolved.error, "Open Settings");
    if (choice) {
      await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.path`);
    }
    return;
  }
  const options: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: "file", language })),
    synchronize: { configurationSection: SECTION },
    initializationOptions: currentSettings(),
    outputChannel: output,
    traceOutputChannel: trace,
    middleware: { workspace: { configuration: answerConfiguration } },
  };
  output.appendLine(`Starting ${resolved.command} serve`);
  client = new LanguageClient(SECTION, "Expertise", { command: resolved.command, args: ["serve"] }, options);
  try {
    await client.start();
  } catch (err) {
    const message = `expertise-ls: could not start ${resolved.command}: ${errorMessage(err)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.dispose();
  }
}

async function restartServer(): Promise<void> {
  await stopServer();
  await startServer();
}

/** currentSettings translates the user's settings for scope; new problems go to the log and a warning. */
function currentSettings(scope?: vscode.Uri): ServerSettings {
  const { settings, problems } = serverSettings(vscode.workspace.getConfiguration(SECTION, scope));
  const report = problems.join("\n");
  if (report !== reportedProblems && problems.length > 0) {
    problems.forEach((p) => output.appendLine(p));
    void vscode.window.showWarningMessage(`Expertise: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more in the log)` : ""}`);
  }
  reportedProblems = report;
  return settings;
}

/** answerConfiguration answers the server's workspace/configuration for our section with the translated settings. */
async function answerConfiguration(
  params: ConfigurationParams,
  token: vscode.CancellationToken,
  next: (params: ConfigurationParams, token: vscode.CancellationToken) => unknown,
): Promise<unknown[] | ResponseError<void>> {
  const answers = await next(params, token);
  if (answers instanceof ResponseError || !Array.isArray(answers)) {
    return answers as ResponseError<void>;
  }
  return params.items.map((item, i) =>
    item.section === SECTION ? currentSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answers[i],
  );
}

async function recordLearning(): Promise<void> {
  const insight = await vscode.window.showInputBox({
    title: "Record Learning (1/2)",
    prompt: "What did you learn?",
    placeHolder: "Stripe webhooks need express.raw() before JSON parsing",
    validateInput: requireText("what you learned"),
    ignoreFocusOut: true,
  });
  if (insight === undefined) {
    return;
  }
  const context = await vscode.window.showInputBox({
    title: "Record Learning (2/2)",
    prompt: "Context (optional): the story, ticket or situation",
    placeHolder: "US-0101: Stripe payment integration",
    ignoreFocusOut: true,
  });
  if (context === undefined) {
    return;
  }
  const args = learningArguments({ insight, context, file: activeWorkspaceFile() });
  await runServerCommand(SERVER_COMMANDS.addLearning, args, "Learning recorded.");
}

async function addCatalogEntry(): Promise<void> {
  const category = await vscode.window.showInputBox({
    title: "Add Integration to Catalog (1/3)",
    prompt: "Category",
    placeHolder: "payment",
    validateInput: validateCategory,
    ignoreFocusOut: true,
  });
  if (category === undefined) {
    return;
  }
  const name = await vscode.window.showInputBox({
    title: "Add Integration to Catalog (2/3)",
    prompt: "Integration name",
    placeHolder: "Stripe",
    validateInput: requireText("the integration's name"),
    ignoreFocusOut: true,
  });
  if (name === undefined) {
    return;
  }
  const envVars = await vscode.window.showInputBox({
    title: "Add Integration to Catalog (3/3)",
    prompt: "Environment variables (optional, comma-separated)",
    placeHolder: "STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET",
    validateInput: validateEnvVarList,
    ignoreFocusOut: true,
  });
  if (envVars === undefined) {
    return;
  }
  const args = catalogArguments({ category, name, envVars });
  await runServerCommand(SERVER_COMMANDS.addCatalogEntry, args, `${args.name} added to the catalog.`);
}

/** activeWorkspaceFile is the active editor's path relative to its workspace folder, if it is in one. */
function activeWorkspaceFile(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (!uri || !vscode.workspace.getWorkspaceFolder(uri)) {
    return undefined;
  }
  return vscode.workspace.asRelativePath(uri, false);
}

/** runServerCommand sends workspace/executeCommand; the server applies its edit with workspace/applyEdit. */
async function runServerCommand(command: string, args: object, done: string): Promise<void> {
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage("Expertise: the server is not running; see Expertise: Show Logs.");
    return;
  }
  try {
    await client.sendRequest(ExecuteCommandRequest.type, executeCommandParams(command, args));
    void vscode.window.showInformationMessage(`Expertise: ${done}`);
  } catch (err) {
    output.appendLine(`${command} failed: ${errorMessage(err)}`);
    void vscode.window.showErrorMessage(`Expertise: ${errorMessage(err)}`);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
