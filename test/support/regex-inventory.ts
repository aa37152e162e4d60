// Every regular expression mishen runs, for the ReDoS check: the literals written in src/ (read
// from the TypeScript syntax tree, so none is missed by a grep) and every RegExp the engine
// builds at run time from lexicons/ data (recorded while the engine loads and screens each
// lexicon file's examples, so patterns assembled from word lists are checked as they run).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface RegexEntry {
  source: string;
  flags: string;
  /** Where it came from: a file and line for a literal, "built at run time" for constructed ones. */
  origin: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Regex literals in every .ts file under `dir`. */
export function regexLiterals(root: string, dir = "src"): RegexEntry[] {
  const entries: RegexEntry[] = [];
  for (const file of sourceFiles(path.join(root, dir))) {
    const text = readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const slash = literal.lastIndexOf("/");
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        entries.push({ source: literal.slice(1, slash), flags: literal.slice(slash + 1), origin: `${path.relative(root, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return entries;
}

/**
 * Runs `work` with the RegExp constructor instrumented and returns every pattern constructed
 * meanwhile (deduplicated by source and flags).
 */
export async function constructedRegexes(work: () => Promise<void>): Promise<RegexEntry[]> {
  const seen = new Map<string, RegexEntry>();
  const Original = globalThis.RegExp;
  const record = (args: unknown[]) => {
    // Only mishen's own code: dependencies (semver, zod) build regexes of their own.
    const caller = new Error().stack?.split("\n").slice(3).find((l) => !l.includes("regex-inventory"));
    if (!caller || !/[/\\]src[/\\]/.test(caller) || caller.includes("node_modules")) return;
    const [pattern, flags] = args as [string | RegExp, string | undefined];
    const source = typeof pattern === "string" ? pattern : pattern.source;
    const f = flags ?? (typeof pattern === "string" ? "" : pattern.flags);
    const at = /[/\\](src[/\\][^:)]+:\d+)/.exec(caller)?.[1] ?? "src";
    seen.set(`${f}/${source}`, { source, flags: f, origin: `${at} (built at run time)` });
  };
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args, newTarget) {
      record(args);
      return Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
    },
    apply(target, thisArg, args) {
      record(args);
      return Reflect.apply(target, thisArg, args);
    },
  });
  try {
    await work();
  } finally {
    globalThis.RegExp = Original;
  }
  return [...seen.values()];
}
