// The rules engine's full output on a fixed set of texts, for performance work that must not change
// behaviour: run it on the base commit, again after every change, and compare the files byte for
// byte (`cmp`). Not a test: it asserts nothing, it records.
//   npx tsx scripts/screen-snapshot.ts OUT.jsonl [--only SECTION]
// Texts: the labelled dev corpus, the hand-written sets, every lexicon example, thousands of real
// paragraphs and whole real documents, the bench's synthetic personal-data lists and tables, and
// mixed drafts that throw identifiers (grouped every usual and unusual way), labels, roles, owner
// words and table borders together so the context rules meet each other. The clock is pinned: a
// birth date "not in the future" must not move the output from one day to the next.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { createEngine, parseLexicon, type ScreenInput } from "../src/engine/index.js";
import { readLexiconFiles, PROJECT_ROOT } from "../src/runtime/node/engine.js";
import { loadJiebaSegmenter } from "../src/runtime/node/segmenter.js";
import { gb11643CheckChar } from "../src/engine/validators/gb11643.js";
import { luhnValid } from "../src/engine/validators/luhn.js";
import { CORPUS_DIR, REAL_TEXT_FILES, readJsonl } from "../src/eval/corpus.js";
import { personTable, piiList, prose, random, realParagraphs } from "./bench.js";

const NOW = new Date("2026-12-01T00:00:00Z");

interface Item {
  section: string;
  id: string;
  input: ScreenInput;
}

function* items(files: Record<string, unknown>): Generator<Item> {
  for (const d of readJsonl<{ id: string; title?: string; text: string }>(path.join(CORPUS_DIR, "dev.jsonl"))) {
    yield { section: "dev", id: d.id, input: { text: d.text, ...(d.title ? { title: d.title } : {}) } };
    yield { section: "dev-untitled", id: d.id, input: { text: d.text } };
  }
  for (const set of ["setA", "setB", "setC"]) {
    for (const d of readJsonl<{ id: string; title?: string; text: string }>(path.join(PROJECT_ROOT, "test/fixtures/handwritten", `${set}.jsonl`))) {
      yield { section: "handwritten", id: d.id, input: { text: d.text, ...(d.title ? { title: d.title } : {}) } };
    }
  }
  for (const [name, f] of Object.entries(files)) {
    const ex = (f as { examples?: { mustMatch?: { text: string }[]; mustNotMatch?: string[] } }).examples;
    if (!ex) continue;
    for (const [i, m] of (ex.mustMatch ?? []).entries()) yield { section: "lexicon", id: `${name}+${i}`, input: { text: m.text } };
    for (const [i, t] of (ex.mustNotMatch ?? []).entries()) yield { section: "lexicon", id: `${name}-${i}`, input: { text: t } };
  }
  const paragraphs = realParagraphs();
  for (let i = 0; i < 4000; i++) yield { section: "paragraph", id: String(i * 23), input: { text: paragraphs[i * 23]! } };
  let docs = 0;
  for (const file of REAL_TEXT_FILES) {
    for (const d of readJsonl<{ id: string; title: string; text: string }>(file)) {
      if (docs++ % 4 === 0) yield { section: "document", id: d.id, input: { text: d.text, title: d.title } };
    }
  }
  yield { section: "bench", id: "prose-1MB", input: { text: prose(paragraphs, 1_000_000, 0) } };
  yield { section: "bench", id: "pii-300K", input: { text: piiList(300_000, 1) } };
  yield { section: "bench", id: "table-1000", input: { text: personTable(1_000, 1_000) } };
  yield { section: "bench", id: "table-8000", input: { text: personTable(8_000, 8_000) } };
  const lex = files as Record<string, Record<string, unknown>>;
  for (let i = 0; i < 5000; i++) yield { section: "mixed", id: String(i), input: { text: mixedDraft(random(1000 + i), paragraphs, lex) } };
}

// ---------- mixed drafts ----------

const AREAS = ["110105", "310115", "440304", "450103", "623022", "810000", "830000", "510107", "999999", "120101"];
const SEPARATORS = [" ", "-", ".", "\n", "  ", " - ", "\t", "·", "—", "　", "--"];

function mixedDraft(rnd: () => number, paragraphs: string[], lex: Record<string, Record<string, unknown>>): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const words = (file: string, ...keys: string[]): string[] => keys.flatMap((k) => (Array.isArray(lex[file]?.[k]) ? (lex[file]![k] as unknown[]).filter((x): x is string => typeof x === "string") : []));
  const vocab = [
    ...words("owners", "agencyLabels", "personLabels", "personWords", "kinshipWords", "selfAgency", "agencySuffixes", "notAgency", "blockHeadings", "agencyInvitations", "agencyBlockWords", "organisationEndings"),
    ...words("recognizers/person-name", "privateRoles", "listRoles", "ownerRoles", "kinshipRoles", "publicRoles", "officialTitles", "copulas", "identifierLabels", "followerWords", "salutationSuffixes"),
    ...words("recognizers/address", "ambiguousLabels"),
    ...((lex["recognizers/id-number"]?.context as Record<string, string[]> | undefined)?.label ?? []),
    ...((lex["recognizers/id-number"]?.context as Record<string, string[]> | undefined)?.serial ?? []),
    ...((lex["recognizers/id-number"]?.context as Record<string, string[]> | undefined)?.support ?? []),
    ...((lex["recognizers/bank-card"]?.context as Record<string, string[]> | undefined)?.label ?? []),
    ...((lex["recognizers/bank-card"]?.context as Record<string, string[]> | undefined)?.public ?? []),
    ...words("recognizers/phone", "labels"),
    "身份证号码：", "联系电话：", "住址：", "家庭住址", "办公地址：", "法定代表人：", "统一社会信用代码", "申请人信息：", "当事人：", "银行卡号：",
    "某某市城关区幸福路", "村", "组", "号", "单元", "室", "栋", "小区", "花园", "街道", "有限公司", "民政局", "我局", "其母", "之妻", "同志：",
    "王芳", "李建国", "欧阳明", "次仁多吉", "古丽努尔·买买提", "张 伟", "元", "万元", "人次", "年", "月", "日", "绝密★", "秘密★一年", "内部资料",
  ];
  const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑原和安陈";
  const given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志新春梅述许可";
  const person = (): string => pick([...surnames]) + (rnd() < 0.1 ? " " : "") + pick([...given]) + (rnd() < 0.6 ? pick([...given]) : "");
  const address = (): string =>
    pick(["", "某某市城关区", "某某县城关镇", "拉萨市城关区", "某某区新城街道", "河西乡", "渔池头村", "太原市"]) +
    pick(["幸福路", "建设路", "和平街", "光明巷", "幸福小区", "阳光花园", "某某村", "中心社区", "人民大道", "", "长峰"]) +
    String(1 + Math.floor(rnd() * 400)) +
    pick(["号", "组", "号院", "号楼", "栋", "号3栋501", "号1单元202室", "单元", "室", "号厂房", "号北京长峰医院", "号令", "号楼2台电梯", "组7号"]);
  const value = (): string => {
    const kind = Math.floor(rnd() * 9);
    if (kind === 6 || kind === 7) return (rnd() < 0.3 ? pick(["住", "家住", "住址：", "现住", "办公地址：", "地址："]) : "") + address();
    if (kind === 8) return person();
    let v: string;
    if (kind === 0 || kind === 1) {
      const first17 = pick(AREAS) + String(1930 + Math.floor(rnd() * 100)) + String(1 + Math.floor(rnd() * 13)).padStart(2, "0") + String(1 + Math.floor(rnd() * 31)).padStart(2, "0") + String(Math.floor(rnd() * 1000)).padStart(3, "0");
      v = first17 + (rnd() < 0.8 ? gb11643CheckChar(first17) : String(Math.floor(rnd() * 10)));
      if (rnd() < 0.1) v = v.slice(0, 6) + v.slice(8, 17);
      if (rnd() < 0.05) v += String(Math.floor(rnd() * 100)).padStart(2, "0");
    } else if (kind === 2) {
      v = pick(["138", "139", "150", "186", "177", "135", "123", "199", "400", "800"]) + String(Math.floor(rnd() * 1e8)).padStart(8, "0");
      if (rnd() < 0.2) v = pick(["+86", "0086", "86"]) + v;
    } else if (kind === 3) {
      v = pick(["010", "0755", "0531", "021", "0871", "0999"]) + String(2 + Math.floor(rnd() * 8)) + String(Math.floor(rnd() * 1e7)).padStart(rnd() < 0.5 ? 6 : 7, "0");
    } else if (kind === 4) {
      let body = pick(["622202", "621700", "622848", "623052", "436742", "999999"]) + String(Math.floor(rnd() * 1e12)).padStart(6 + Math.floor(rnd() * 7), "0");
      if (rnd() < 0.8) for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) { body += d; break; }
      v = body;
    } else {
      v = String(Math.floor(rnd() * 10 ** (1 + Math.floor(rnd() * 12))));
    }
    if (rnd() < 0.4) {
      // Split into groups at random places with one separator style (sometimes two).
      const sep = pick(SEPARATORS);
      let out = "";
      let i = 0;
      while (i < v.length) {
        const n = 1 + Math.floor(rnd() * 8);
        out += (i ? (rnd() < 0.9 ? sep : pick(SEPARATORS)) : "") + v.slice(i, i + n);
        i += n;
      }
      v = out;
    }
    if (rnd() < 0.1) v = [...v].map((c) => (/[0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
    if (rnd() < 0.05) v = pick(["G", "A", "x", "*", "@", "#", "("]) + v;
    if (rnd() < 0.05) v += pick(["X", "元", "号", "组", "室", "%", ".5", ",123", "人"]);
    return v;
  };
  const structure = Math.floor(rnd() * 4);
  const pieces = 4 + Math.floor(rnd() * 40);
  const parts: string[] = [];
  const cellSep = pick(["|", "\t", "  ", "｜", "│"]);
  for (let i = 0; i < pieces; i++) {
    const r = rnd();
    if (r < 0.25) parts.push(value());
    else if (r < 0.6) parts.push(pick(vocab));
    else if (r < 0.7) {
      const p = pick(paragraphs);
      const a = Math.floor(rnd() * p.length);
      parts.push(p.slice(a, a + 1 + Math.floor(rnd() * 60)));
    } else if (r < 0.8) parts.push(pick(["，", "。", "：", "、", "；", "（", "）", "\n", "\n\n", " ", "："]));
    else if (r < 0.9) parts.push(structure >= 2 ? cellSep : pick(["\n", "，"]));
    else parts.push(pick(["| --- | --- | --- |", "\n| 序号 | 姓名 | 身份证号码 | 联系电话 | 家庭住址 |\n", "\n", "申请人信息：\n", "法定代表人：张三\n"]));
  }
  let text = parts.join(structure === 1 ? "\n" : "");
  if (structure === 3) {
    // A table: the same row shape repeated, as a pasted list is.
    const rows = [text];
    for (let k = 0; k < 3 + Math.floor(rnd() * 20); k++) rows.push([String(k + 1), pick(vocab), value(), value(), pick(vocab) + value()].join(cellSep));
    text = rows.join("\n");
  }
  return text;
}

// ---------- main ----------

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error("usage: screen-snapshot.ts OUT.jsonl [--only SECTION]");
  const only = process.argv.indexOf("--only") > 0 ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  const files = await readLexiconFiles();
  const engine = createEngine({ lexicon: parseLexicon(files), segmenter: loadJiebaSegmenter(), now: () => NOW });
  const stream = createWriteStream(out);
  const hash = createHash("sha256");
  const counts = new Map<string, number>();
  const times = new Map<string, number>();
  for (const item of items(files)) {
    if (only && item.section !== only) continue;
    const t0 = performance.now();
    const result = await engine.screen(item.input);
    times.set(item.section, (times.get(item.section) ?? 0) + performance.now() - t0);
    const line = JSON.stringify({ section: item.section, id: item.id, result }) + "\n";
    hash.update(line);
    if (!stream.write(line)) await new Promise<void>((r) => stream.once("drain", () => r()));
    counts.set(item.section, (counts.get(item.section) ?? 0) + 1);
  }
  await new Promise<void>((r) => stream.end(r));
  for (const [s, n] of counts) process.stderr.write(`${s}: ${n} texts, ${Math.round(times.get(s)!)} ms\n`);
  console.log(hash.digest("hex"));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
