import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";

import { isExecutableFile, resolveServerPath } from "../../src/serverPath";

describe("resolveServerPath (POSIX, real files)", () => {
  let root: string;
  let bin: string;
  let home: string;
  let folder: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "expertise-path-"));
    bin = path.join(root, "bin");
    home = path.join(root, "home");
    folder = path.join(root, "ws");
    for (const dir of [bin, path.join(home, "go", "bin"), path.join(folder, "tools")]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    for (const file of [path.join(bin, "expertise-ls"), path.join(home, "go", "bin", "expertise-ls"), path.join(folder, "tools", "els")]) {
      fs.writeFileSync(file, "#!/bin/sh\n", { mode: 0o755 });
    }
    fs.writeFileSync(path.join(bin, "not-executable"), "", { mode: 0o644 });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: Array<{ name: string; setting?: string; folder?: boolean; command?: (r: string) => string; error?: RegExp }> = [
    { name: "default name found on PATH", command: (r) => path.join(r, "bin", "expertise-ls") },
    { name: "blank setting means the default", setting: "  ", command: (r) => path.join(r, "bin", "expertise-ls") },
    { name: "absolute path", setting: "ROOT/home/go/bin/expertise-ls", command: (r) => path.join(r, "home", "go", "bin", "expertise-ls") },
    { name: "home directory", setting: "~/go/bin/expertise-ls", command: (r) => path.join(r, "home", "go", "bin", "expertise-ls") },
    { name: "relative to the workspace folder", setting: "tools/els", folder: true, command: (r) => path.join(r, "ws", "tools", "els") },
    { name: "workspace folder variable", setting: "${workspaceFolder}/tools/els", folder: true, command: (r) => path.join(r, "ws", "tools", "els") },
    { name: "relative path without a folder", setting: "tools/els", error: /needs an open workspace folder/ },
    { name: "workspace folder variable without a folder", setting: "${workspaceFolder}/tools/els", error: /no folder is open/ },
    { name: "name not on PATH", setting: "expertise-ls-nightly", error: /"expertise-ls-nightly" is not on PATH.*go install/ },
    { name: "file that is not executable", setting: "ROOT/bin/not-executable", error: /is not an executable file/ },
    { name: "directory", setting: "ROOT/bin", error: /is not an executable file/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = resolveServerPath({
        setting: c.setting?.replace("ROOT", root),
        workspaceFolder: c.folder ? folder : undefined,
        home,
        env: { PATH: ["/nonexistent", bin].join(":") },
        platform: "linux",
      });
      if (c.error) {
        assert.ok("error" in got, `want an error, got ${JSON.stringify(got)}`);
        assert.match(got.error, c.error);
      } else {
        assert.deepEqual(got, { command: c.command!(root) });
      }
    });
  }

  it("isExecutableFile", () => {
    assert.equal(isExecutableFile(path.join(bin, "expertise-ls")), true);
    assert.equal(isExecutableFile(path.join(bin, "not-executable")), false);
    assert.equal(isExecutableFile(path.join(bin, "missing")), false);
  });
});

describe("resolveServerPath (Windows)", () => {
  const files = new Set(["C:\\Go\\bin\\expertise-ls.EXE", "C:\\ws\\tools\\els.exe"]);
  const cases = [
    { name: "PATHEXT is tried on Path", setting: undefined, want: "C:\\Go\\bin\\expertise-ls.EXE" },
    { name: "backslash path relative to the folder", setting: "tools\\els.exe", want: "C:\\ws\\tools\\els.exe" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = resolveServerPath({
        setting: c.setting,
        workspaceFolder: "C:\\ws",
        home: "C:\\Users\\me",
        env: { Path: "C:\\Windows;C:\\Go\\bin", PATHEXT: ".COM;.EXE" },
        platform: "win32",
        isExecutable: (f) => files.has(f),
      });
      assert.deepEqual(got, { command: c.want });
    });
  }
});
