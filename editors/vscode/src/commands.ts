// Arguments of the server's workspace/executeCommand commands, built from
// what the user typed, and the checks the input boxes run. No `vscode`
// import here: the unit tests run under plain Node.

/** The commands the server advertises in executeCommandProvider. */
export const SERVER_COMMANDS = {
  addLearning: "expertise.addLearning",
  addCatalogEntry: "expertise.addCatalogEntry",
  documentEnvVar: "expertise.documentEnvVar",
  touch: "expertise.touch",
} as const;

/** The argument of expertise.addLearning. */
export interface AddLearningArgs {
  insight: string;
  context?: string;
  files_affected?: string[];
  expert?: string;
}

/** The argument of expertise.addCatalogEntry. */
export interface AddCatalogEntryArgs {
  category: string;
  name: string;
  env_vars?: string[];
  webhooks?: string[];
  expert?: string;
}

/** What the user typed for a learning; file is the active editor's workspace-relative path, if any. */
export interface LearningInput {
  insight: string;
  context?: string;
  file?: string;
}

/** What the user typed for a catalog entry; envVars is a comma- or space-separated list. */
export interface CatalogInput {
  category: string;
  name: string;
  envVars?: string;
}

/** learningArguments trims the input and leaves out what is empty. */
export function learningArguments(input: LearningInput): AddLearningArgs {
  const args: AddLearningArgs = { insight: input.insight.trim() };
  const context = input.context?.trim();
  if (context) {
    args.context = context;
  }
  const file = input.file?.trim().replace(/\\/g, "/");
  if (file) {
    args.files_affected = [file];
  }
  return args;
}

/** catalogArguments trims the input, splits the env var list and leaves out what is empty. */
export function catalogArguments(input: CatalogInput): AddCatalogEntryArgs {
  const args: AddCatalogEntryArgs = { category: input.category.trim(), name: input.name.trim() };
  const envVars = splitList(input.envVars ?? "");
  if (envVars.length > 0) {
    args.env_vars = envVars;
  }
  return args;
}

/** executeCommandParams wraps one argument object the way the server expects: a single-element list. */
export function executeCommandParams<T>(command: string, args: T): { command: string; arguments: [T] } {
  return { command, arguments: [args] };
}

/** splitList splits "A, B C" into ["A", "B", "C"], dropping empty items and duplicates. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((item) => item !== ""))];
}

// Input box validators: undefined when the text is acceptable, else the message to show.

/** requireText rejects empty or blank input. */
export function requireText(what: string): (text: string) => string | undefined {
  return (text) => (text.trim() === "" ? `Enter ${what}.` : undefined);
}

/** validateCategory accepts a catalog category key such as "payment" or "error-tracking". */
export function validateCategory(text: string): string | undefined {
  const category = text.trim();
  if (category === "") {
    return "Enter a category, e.g. payment or email.";
  }
  return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(category)
    ? undefined
    : "A category is one word of letters, digits, '-' or '_', e.g. payment.";
}

/**
 * validateEnvVarList accepts an empty list or names in UPPER_SNAKE_CASE such as STRIPE_API_KEY, separated by
 * commas or spaces: the names the server's commands accept.
 */
export function validateEnvVarList(text: string): string | undefined {
  const bad = splitList(text).filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name));
  return bad.length === 0 ? undefined : `Not an environment variable name in UPPER_SNAKE_CASE: ${bad.join(", ")}`;
}

/** A place in a file: a URI and a range, as the protocol spells them. */
export interface Place {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The arguments of expertise.showPlaces, which the server's code lenses carry. */
export interface PlacesArgs {
  uri: string;
  position: { line: number; character: number };
  places: Place[];
}

function isPosition(v: unknown): v is { line: number; character: number } {
  const p = v as { line?: unknown; character?: unknown } | null;
  return typeof p === "object" && p !== null && typeof p.line === "number" && typeof p.character === "number";
}

/** placesArguments checks the lens command's arguments (uri, position, locations); undefined when malformed. */
export function placesArguments(args: unknown[]): PlacesArgs | undefined {
  const [uri, position, places] = args;
  if (typeof uri !== "string" || !isPosition(position) || !Array.isArray(places)) {
    return undefined;
  }
  for (const p of places as Place[]) {
    if (typeof p?.uri !== "string" || !isPosition(p.range?.start) || !isPosition(p.range?.end)) {
      return undefined;
    }
  }
  return { uri, position, places: places as Place[] };
}
