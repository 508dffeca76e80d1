// The manifest (package.json) and the code must agree: every setting the
// manifest contributes is either sent to the server or read by the
// extension, and the rules schema lists exactly the known codes.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

import { CLIENT_KEYS, RULE_CODES, SECTION, SERVER_KEYS } from "../../src/settings";

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
const properties: Record<string, any> = manifest.contributes.configuration.properties;

describe("package.json", () => {
  it("contributes exactly the settings the code handles", () => {
    const contributed = Object.keys(properties).map((k) => k.slice(SECTION.length + 1)).sort();
    const handled = [...SERVER_KEYS.map(([key]) => key), ...CLIENT_KEYS, "rules"].sort();
    assert.deepEqual(contributed, handled);
  });

  it("types each server setting as the translation expects", () => {
    const want = { boolean: "boolean", count: "integer", strings: "array", path: "string" };
    for (const [key, kind] of SERVER_KEYS) {
      assert.equal(properties[`${SECTION}.${key}`].type, want[kind], key);
    }
  });

  it("lists every rule code in the rules schema", () => {
    assert.deepEqual(properties[`${SECTION}.rules`].propertyNames.enum, [...RULE_CODES]);
  });

  it("activates on each analysed language and on expertise files", () => {
    const events: string[] = manifest.activationEvents;
    for (const language of ["typescript", "typescriptreact", "javascript", "javascriptreact", "python", "go", "ruby", "yaml"]) {
      assert.ok(events.includes(`onLanguage:${language}`), language);
    }
    assert.ok(events.includes("workspaceContains:**/expertise.yaml"));
  });

  it("offers the palette commands under the Expertise category", () => {
    const titles = manifest.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`);
    assert.deepEqual(titles, ["Expertise: Record Learning", "Expertise: Add Integration to Catalog", "Expertise: Restart Server", "Expertise: Show Logs", "Expertise: Show Places"]);
  });

  it("hides the code lens command expertise.showPlaces from the palette", () => {
    const hidden = (manifest.contributes.menus?.commandPalette ?? []).filter((m: { when?: string }) => m.when === "false");
    assert.deepEqual(hidden.map((m: { command: string }) => m.command), ["expertise.showPlaces"]);
  });
});
