import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { RULE_CODES, serverSettings } from "../../src/settings";

/** reader stands in for VS Code's WorkspaceConfiguration: flat keys below the section. */
function reader(values: Record<string, unknown>) {
  return { get: (key: string) => values[key] };
}

describe("serverSettings", () => {
  const cases: Array<{ name: string; values: Record<string, unknown>; settings: object; problems: RegExp[] }> = [
    { name: "nothing set", values: {}, settings: {}, problems: [] },
    {
      name: "every server key, nested as the server reads them",
      values: {
        "diagnostics.onChange": true,
        "diagnostics.debounceMs": 150,
        "expertise.paths": ["docs/experts/*/expertise.yaml"],
        "expertise.staleDays": 14,
        "expertise.maxLines": 400,
        "webhooks.verifyFunctions": ["verifyPartner"],
        "webhooks.paths": ["src/hooks/**"],
        "index.maxFileSize": 2048,
        "index.exclude": ["dist/**"],
        baseline: ".expertise-baseline.json",
      },
      settings: {
        diagnostics: { onChange: true, debounceMs: 150 },
        expertise: { paths: ["docs/experts/*/expertise.yaml"], staleDays: 14, maxLines: 400 },
        webhooks: { verifyFunctions: ["verifyPartner"], paths: ["src/hooks/**"] },
        index: { maxFileSize: 2048, exclude: ["dist/**"] },
        baseline: ".expertise-baseline.json",
      },
      problems: [],
    },
    {
      name: "client-only keys are not sent",
      values: { path: "/usr/local/bin/expertise-ls", "trace.server": "verbose", "diagnostics.onChange": false },
      settings: { diagnostics: { onChange: false } },
      problems: [],
    },
    {
      name: "values of the wrong type are dropped and named",
      values: { "diagnostics.onChange": "yes", "expertise.staleDays": -3, "index.exclude": "dist/**", "index.maxFileSize": 1.5, baseline: 7 },
      settings: {},
      problems: [/diagnostics\.onChange: want true or false/, /expertise\.staleDays: want a positive whole number/, /index\.maxFileSize: want a positive whole number/, /index\.exclude: want a list of strings/, /baseline: want a path/],
    },
    {
      name: "rules: strings, aliases, booleans and objects are normalised",
      values: {
        rules: {
          "hardcoded-secret": "Error",
          "secret-in-log": "off",
          "catalog-unused": false,
          "expertise-stale": "warn",
          "expertise-too-long": { enabled: true, severity: "information" },
          "unverified-webhook": { enabled: false },
        },
      },
      settings: {
        rules: {
          "hardcoded-secret": "error",
          "secret-in-log": "off",
          "catalog-unused": "off",
          "expertise-stale": "warning",
          "expertise-too-long": { enabled: true, severity: "info" },
          "unverified-webhook": { enabled: false },
        },
      },
      problems: [],
    },
    {
      name: "rules: unknown codes and bad values are dropped and named",
      values: { rules: { "no-such-rule": "error", "hardcoded-secret": "loud", "missing-env-var": { severity: "fatal" }, "webhook-raw-body": { enabled: "no" }, "expertise-schema": { colour: "red" } } },
      settings: {},
      problems: [/unknown rule "no-such-rule"/, /rules\["hardcoded-secret"\].*"loud"/, /rules\["missing-env-var"\]/, /rules\["webhook-raw-body"\]/, /rules\["expertise-schema"\]/],
    },
    { name: "rules that are not an object", values: { rules: ["hardcoded-secret"] }, settings: {}, problems: [/rules: want an object/] },
    { name: "an empty rules object sends nothing", values: { rules: {} }, settings: {}, problems: [] },
    { name: "an empty baseline sends nothing", values: { baseline: "" }, settings: {}, problems: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = serverSettings(reader(c.values));
      assert.deepEqual(got.settings, c.settings);
      assert.equal(got.problems.length, c.problems.length, `problems: ${JSON.stringify(got.problems)}`);
      c.problems.forEach((re, i) => assert.match(got.problems[i], re));
    });
  }

  it("knows every rule code once", () => {
    assert.equal(new Set(RULE_CODES).size, RULE_CODES.length);
  });
});
