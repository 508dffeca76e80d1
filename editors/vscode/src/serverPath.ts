// Where the server binary is: the expertise-ls.path setting resolved against
// the workspace folder, the home directory and PATH. No `vscode` import here:
// the unit tests run under plain Node.

import * as fs from "fs";
import * as path from "path";

/** The binary's name on PATH when the setting is empty. */
export const DEFAULT_SERVER = "expertise-ls";

/** What resolution depends on; every field is injectable for tests. */
export interface ResolveOptions {
  setting: string | undefined;
  workspaceFolder?: string;
  home: string;
  env: Record<string, string | undefined>; // PATH (or Path), PATHEXT on Windows
  platform: NodeJS.Platform;
  isExecutable?: (file: string) => boolean;
}

/** The command to run, or why there is none. */
export type Resolution = { command: string } | { error: string };

/** resolveServerPath turns the setting into an executable file path. */
export function resolveServerPath(opts: ResolveOptions): Resolution {
  const isExecutable = opts.isExecutable ?? isExecutableFile;
  const setting = (opts.setting ?? "").trim() || DEFAULT_SERVER;
  const expanded = expand(setting, opts);
  if ("error" in expanded) {
    return expanded;
  }
  const p = opts.platform === "win32" ? path.win32 : path.posix;
  const hasSeparator = opts.platform === "win32" ? /[\\/]/.test(expanded.command) : expanded.command.includes("/");
  if (!hasSeparator) {
    const found = searchPath(expanded.command, opts, isExecutable);
    return found !== undefined
      ? { command: found }
      : { error: `expertise-ls: "${setting}" is not on PATH. ${HOW_TO_FIX}` };
  }
  let file = expanded.command;
  if (!p.isAbsolute(file)) {
    if (!opts.workspaceFolder) {
      return { error: `expertise-ls: the relative path "${setting}" needs an open workspace folder. ${HOW_TO_FIX}` };
    }
    file = p.join(opts.workspaceFolder, file);
  }
  return isExecutable(file) ? { command: file } : { error: `expertise-ls: "${file}" is not an executable file. ${HOW_TO_FIX}` };
}

const HOW_TO_FIX =
  'Install the server (go install github.com/expertise-ls/expertise-ls/cmd/expertise-ls@latest) or set "expertise-ls.path" to the binary.';

function expand(setting: string, opts: ResolveOptions): { command: string } | { error: string } {
  let command = setting;
  if (command.includes("${workspaceFolder}")) {
    if (!opts.workspaceFolder) {
      return { error: `expertise-ls: "${setting}" uses \${workspaceFolder} but no folder is open. ${HOW_TO_FIX}` };
    }
    command = command.split("${workspaceFolder}").join(opts.workspaceFolder);
  }
  if (command === "~" || command.startsWith("~/") || (opts.platform === "win32" && command.startsWith("~\\"))) {
    command = opts.home + command.slice(1);
  }
  return { command };
}

function searchPath(name: string, opts: ResolveOptions, isExecutable: (file: string) => boolean): string | undefined {
  const win = opts.platform === "win32";
  const p = win ? path.win32 : path.posix;
  const dirs = (opts.env.PATH ?? opts.env.Path ?? "").split(win ? ";" : ":").filter((d) => d !== "");
  const extensions = win && p.extname(name) === "" ? (opts.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const file = p.join(dir, name + ext);
      if (isExecutable(file)) {
        return file;
      }
    }
  }
  return undefined;
}

/** isExecutableFile reports whether file is a regular file the process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
