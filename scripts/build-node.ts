// Compiles src/ to plain JavaScript in dist/ for `npm start`, one file per source file at the same
// depth (dist/runtime/node/server.js ↔ src/runtime/node/server.ts), so the paths the code finds from
// its own location (the project root, drizzle/, the jieba stand-ins) resolve alike from either tree.
// The service then runs under node alone, without tsx's loader thread and its compiler in every
// engine worker: about 80 MB less resident memory (docs/performance.md, ninth bench round).
//   npx tsx scripts/build-node.ts
import { cpSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const NODE_BUILD_DIR = path.join(ROOT, "dist");
export const NODE_SERVER_ENTRY = path.join(NODE_BUILD_DIR, "runtime", "node", "server.js");
/**
 * node's arguments in `npm start` (package.json; a test holds the two equal). Young-generation
 * semi-spaces of 4 MB instead of 16: reviews leave little alive, and the smaller nursery kept the
 * service's peak memory under load about 40 MB lower at the same throughput (docs/performance.md).
 */
export const NODE_SERVER_ARGS = ["--max-semi-space-size=4", path.relative(ROOT, NODE_SERVER_ENTRY)];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [file] : [];
  });
}

/**
 * Writes dist/ over what is there (nothing is deleted first: a server already running from dist/
 * keeps its files; a file left from a deleted source is never imported).
 */
export async function buildNode(): Promise<void> {
  const src = path.join(ROOT, "src");
  await build({
    entryPoints: sources(src),
    outdir: NODE_BUILD_DIR,
    outbase: src,
    format: "esm",
    platform: "node",
    target: "node20",
    // Names of functions are not kept: keepNames (on under tsx) sets the name of every closure made
    // in a hot loop with a defineProperty call, 5–15% of the rules' time on personal-data-dense text.
    logLevel: "warning",
  });
  // Data files the code reads from beside itself.
  cpSync(path.join(src, "runtime", "node", "jieba"), path.join(NODE_BUILD_DIR, "runtime", "node", "jieba"), { recursive: true });
}

let built: Promise<void> | undefined;

/** A module of the compiled tree (path relative to src/, with .js), built first if this process has not yet. */
export async function builtModule<T>(relative: string): Promise<T> {
  await (built ??= buildNode());
  return (await import(pathToFileURL(path.join(NODE_BUILD_DIR, relative)).href)) as T;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildNode();
