// Page scripts and styles. The scripts are TypeScript under src/web/client/, type-checked with
// the rest (npm test) and bundled here with esbuild when the service starts, so nothing built
// is committed and nothing is fetched from elsewhere: the pages run offline.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import type { Asset } from "../../http/routes/assets.js";
import { PROJECT_ROOT } from "./engine.js";

const WEB_DIR = path.join(PROJECT_ROOT, "src", "web");
export const PAGE_SCRIPTS = ["editor", "case", "admin", "status"] as const;

export async function buildWebAssets(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: PAGE_SCRIPTS.map((name) => path.join(WEB_DIR, "client", `${name}.ts`)),
    bundle: true,
    write: false,
    format: "esm",
    target: "es2022",
    outdir: "/assets",
    charset: "utf8",
    legalComments: "none",
    logLevel: "silent",
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) assets.set(path.basename(file.path), { body: file.text, contentType: "text/javascript; charset=utf-8" });
  assets.set("app.css", { body: await readFile(path.join(WEB_DIR, "app.css"), "utf8"), contentType: "text/css; charset=utf-8" });
  return assets;
}
