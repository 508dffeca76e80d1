// Translation of the VS Code settings under "expertise-ls" into the section
// the server reads (analysis.Config in the Go code): the same nested shape,
// without the keys only the extension uses (path, trace), with values of the
// wrong type dropped and reported instead of sent. No `vscode` import here:
// the unit tests run under plain Node.

/** The configuration section the server reads, and the settings prefix. */
export const SECTION = "expertise-ls";

/** Every diagnostic code the server reports; `rules` may override each. */
export const RULE_CODES: readonly string[] = [
  "hardcoded-secret",
  "unverified-webhook",
  "insecure-signature-compare",
  "webhook-raw-body",
  "webhook-fail-open",
  "webhook-not-idempotent",
  "client-no-retry",
  "missing-env-var",
  "secret-in-log",
  "uncataloged-integration",
  "catalog-unused",
  "expertise-syntax",
  "expertise-missing-field",
  "expertise-stale",
  "expertise-too-long",
  "expertise-no-learnings",
  "expertise-schema",
  "expertise-stale-path",
];

/** One rule override as the server accepts it. */
export type RuleSetting = string | { enabled?: boolean; severity?: string };

/** The server's settings section. */
export type ServerSettings = { [group: string]: { [key: string]: unknown } | string };

/** Reads one setting by its key below the section ("diagnostics.onChange"). VS Code's WorkspaceConfiguration is one. */
export interface SettingsReader {
  get(key: string): unknown;
}

/** The settings to send, and what was wrong with the ones left out. */
export interface Translation {
  settings: ServerSettings;
  problems: string[];
}

type Kind = "boolean" | "count" | "strings" | "path";

/** The scalar and list settings the server reads, by key below the section. */
export const SERVER_KEYS: ReadonlyArray<readonly [key: string, kind: Kind]> = [
  ["diagnostics.onChange", "boolean"],
  ["diagnostics.debounceMs", "count"],
  ["expertise.paths", "strings"],
  ["expertise.staleDays", "count"],
  ["expertise.maxLines", "count"],
  ["webhooks.verifyFunctions", "strings"],
  ["webhooks.paths", "strings"],
  ["index.maxFileSize", "count"],
  ["index.exclude", "strings"],
  ["baseline", "path"],
];

/** The settings the extension itself reads; they are not sent to the server. */
export const CLIENT_KEYS: readonly string[] = ["path", "trace.server"];

const SEVERITIES = ["error", "warning", "info", "hint"];

// Spellings the server also accepts, mapped to the ones it documents.
const ALIASES: Record<string, string> = {
  warn: "warning",
  information: "info",
  false: "off",
  none: "off",
  true: "on",
};

/** serverSettings reads every setting the server knows and builds its section. */
export function serverSettings(read: SettingsReader): Translation {
  const settings: ServerSettings = {};
  const problems: string[] = [];
  for (const [key, kind] of SERVER_KEYS) {
    const value = read.get(key);
    if (value === undefined || value === null) {
      continue;
    }
    if (!hasKind(value, kind)) {
      problems.push(`${SECTION}.${key}: want ${describe(kind)}, got ${JSON.stringify(value)}; the server's default stands`);
      continue;
    }
    if (kind === "path" && value === "") {
      continue;
    }
    const [group, name] = key.split(".");
    if (name === undefined) {
      settings[group] = value as string;
      continue;
    }
    ((settings[group] ??= {}) as Record<string, unknown>)[name] = value;
  }
  const rules = read.get("rules");
  if (rules !== undefined && rules !== null) {
    const translated = ruleSettings(rules, problems);
    if (Object.keys(translated).length > 0) {
      settings.rules = translated;
    }
  }
  return { settings, problems };
}

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "boolean":
      return typeof value === "boolean";
    case "count":
      return typeof value === "number" && Number.isInteger(value) && value > 0;
    case "strings":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "path":
      return typeof value === "string";
  }
}

function describe(kind: Kind): string {
  return { boolean: "true or false", count: "a positive whole number", strings: "a list of strings", path: "a path" }[kind];
}

/** ruleSettings normalises the rules object; bad entries are reported in problems and left out. */
export function ruleSettings(rules: unknown, problems: string[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
    problems.push(`${SECTION}.rules: want an object from rule code to "off", a severity or {enabled, severity}, got ${JSON.stringify(rules)}`);
    return out;
  }
  for (const [code, value] of Object.entries(rules)) {
    if (!RULE_CODES.includes(code)) {
      problems.push(`${SECTION}.rules: unknown rule "${code}" (known: ${RULE_CODES.join(", ")})`);
      continue;
    }
    const rule = ruleSetting(value);
    if (rule === undefined) {
      problems.push(`${SECTION}.rules["${code}"]: want "off", "on", ${SEVERITIES.map((s) => `"${s}"`).join(", ")} or {enabled, severity}, got ${JSON.stringify(value)}`);
      continue;
    }
    out[code] = rule;
  }
  return out;
}

function ruleSetting(value: unknown): RuleSetting | undefined {
  if (typeof value === "boolean") {
    return value ? "on" : "off";
  }
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    const canonical = ALIASES[word] ?? word;
    return canonical === "off" || canonical === "on" || SEVERITIES.includes(canonical) ? canonical : undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return undefined;
  }
  const { enabled, severity, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || (enabled !== undefined && typeof enabled !== "boolean")) {
    return undefined;
  }
  const rule: { enabled?: boolean; severity?: string } = {};
  if (enabled !== undefined) {
    rule.enabled = enabled;
  }
  if (severity !== undefined) {
    const word = typeof severity === "string" ? severity.trim().toLowerCase() : "";
    const canonical = ALIASES[word] ?? word;
    if (!SEVERITIES.includes(canonical)) {
      return undefined;
    }
    rule.severity = canonical;
  }
  return rule;
}
