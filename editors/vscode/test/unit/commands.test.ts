import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  catalogArguments,
  executeCommandParams,
  learningArguments,
  placesArguments,
  requireText,
  splitList,
  validateCategory,
  validateEnvVarList,
} from "../../src/commands";

describe("learningArguments", () => {
  const cases = [
    { name: "insight only", input: { insight: "  Retry 429s with backoff " }, want: { insight: "Retry 429s with backoff" } },
    { name: "blank context is left out", input: { insight: "x", context: "   " }, want: { insight: "x" } },
    {
      name: "context and the active file",
      input: { insight: "x", context: " US-1 ", file: "src\\integrations\\clients\\stripe.ts" },
      want: { insight: "x", context: "US-1", files_affected: ["src/integrations/clients/stripe.ts"] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(learningArguments(c.input), c.want));
  }
});

describe("catalogArguments", () => {
  const cases = [
    { name: "no env vars", input: { category: " payment ", name: " Adyen ", envVars: "" }, want: { category: "payment", name: "Adyen" } },
    {
      name: "comma and space separated env vars, duplicates dropped",
      input: { category: "sms", name: "Twilio", envVars: "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN  TWILIO_ACCOUNT_SID," },
      want: { category: "sms", name: "Twilio", env_vars: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(catalogArguments(c.input), c.want));
  }
});

describe("executeCommandParams", () => {
  it("passes one argument object", () => {
    assert.deepEqual(executeCommandParams("expertise.addLearning", { insight: "x" }), {
      command: "expertise.addLearning",
      arguments: [{ insight: "x" }],
    });
  });
});

describe("validators", () => {
  const cases: Array<{ name: string; check: (s: string) => string | undefined; text: string; error?: RegExp }> = [
    { name: "required text present", check: requireText("the insight"), text: "x" },
    { name: "required text blank", check: requireText("the insight"), text: "  ", error: /Enter the insight/ },
    { name: "category word", check: validateCategory, text: "error-tracking" },
    { name: "category empty", check: validateCategory, text: "", error: /Enter a category/ },
    { name: "category with spaces", check: validateCategory, text: "error tracking", error: /one word/ },
    { name: "env vars empty", check: validateEnvVarList, text: "" },
    { name: "env vars good", check: validateEnvVarList, text: "A_1, STRIPE_API_KEY" },
    { name: "env vars bad", check: validateEnvVarList, text: "GOOD, 1BAD, also-bad, _B, lower", error: /1BAD, also-bad, _B, lower/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = c.check(c.text);
      if (c.error) {
        assert.match(got ?? "", c.error);
      } else {
        assert.equal(got, undefined);
      }
    });
  }

  it("splitList drops empty items", () => assert.deepEqual(splitList(" ,A,,B "), ["A", "B"]));
});

describe("placesArguments", () => {
  const place = { uri: "file:///w/a.ts", range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } } };
  it("reads the lens's uri, position and places", () => {
    const got = placesArguments(["file:///w/e.yaml", { line: 3, character: 6 }, [place]]);
    assert.deepEqual(got, { uri: "file:///w/e.yaml", position: { line: 3, character: 6 }, places: [place] });
  });
  it("refuses malformed arguments", () => {
    assert.equal(placesArguments([]), undefined);
    assert.equal(placesArguments(["file:///w/e.yaml", { line: "3" }, [place]]), undefined);
    assert.equal(placesArguments(["file:///w/e.yaml", { line: 3, character: 6 }, [{ uri: 1 }]]), undefined);
  });
});
