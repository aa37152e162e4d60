// The local sensitivity classifier: loads offline, matches the PyTorch reference, fails loudly
// without its files, and flags what an officer must see while leaving ordinary prose alone.
import { execFileSync, spawnSync } from "node:child_process";
import { cp, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  Tensor,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from "@xenova/transformers";
import type { Classifier } from "../src/engine/ports.js";
import { createWordPieceTokenizer } from "../src/classifier/wordpiece.js";
import { realParagraphs } from "../scripts/bench.js";
import { CLASSIFIER_MODEL_ID, REQUIRED_MODEL_FILES, loadClassifier, tokenWindows } from "../src/runtime/node/classifier.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MODELS = path.join(ROOT, "models");
const FIX = path.join(ROOT, "test", "fixtures", "classifier");

interface Fixture {
  sensitive: { riskType: string; text: string }[];
  public: string[];
  short: string[];
  boilerplate: string[];
}
interface Reference {
  model: string;
  cases: { text: string; input_ids: number[]; logits: number[] }[];
}
const fixture = JSON.parse(readFileSync(path.join(FIX, "paragraphs.json"), "utf8")) as Fixture;
const reference = JSON.parse(readFileSync(path.join(FIX, "reference.json"), "utf8")) as Reference;
const lexicon = JSON.parse(readFileSync(path.join(ROOT, "lexicons", "sensitive-content.json"), "utf8")) as {
  riskTypes: Record<string, { reason: string }>;
};

function unshareWorks(): boolean {
  return spawnSync("unshare", ["-n", "true"]).status === 0;
}
const ISOLATED = unshareWorks();

let classifier: Classifier;
beforeAll(async () => {
  classifier = await loadClassifier(MODELS);
}, 60_000);

describe("loading", () => {
  it("loads from models/ and reports its version and threshold", () => {
    expect(classifier.modelVersion).toMatch(/^mishen-sensitivity-/);
    expect(classifier.threshold).toBeGreaterThan(0);
    expect(classifier.threshold).toBeLessThan(1);
  });

  it(
    ISOLATED
      ? "scores in a child process with no network at all (unshare -n)"
      : "scores in a child process — unshare -n is NOT available here, so the network is NOT isolated",
    async () => {
      if (!ISOLATED) console.warn("classifier offline test: `unshare -n` unavailable; child ran with the network present");
      const tmp = await mkdtemp(path.join(os.tmpdir(), "mishen-offline-"));
      const input = path.join(tmp, "in.json");
      const paragraphs = [fixture.sensitive[0]!.text, fixture.public[0]!];
      await writeFile(input, JSON.stringify(paragraphs));
      const args = ["--import", "tsx", path.join(FIX, "score-offline.ts"), MODELS, input];
      const cmd = ISOLATED ? "unshare" : process.execPath;
      const argv = ISOLATED ? ["-n", process.execPath, ...args] : args;
      const out = execFileSync(cmd, argv, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
      await rm(tmp, { recursive: true, force: true });
      const child = JSON.parse(out) as { modelVersion: string; scores: { sensitive: number }[] };
      const here = await classifier.score(paragraphs);
      expect(child.modelVersion).toBe(classifier.modelVersion);
      child.scores.forEach((s, i) => expect(s.sensitive).toBeCloseTo(here[i]!.sensitive, 5));
    },
    60_000,
  );
});

describe("agreement with the PyTorch reference forward pass", () => {
  let tokenizer: PreTrainedTokenizer;
  let model: PreTrainedModel;
  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.localModelPath = MODELS + path.sep;
    tokenizer = await AutoTokenizer.from_pretrained(CLASSIFIER_MODEL_ID);
    model = await AutoModelForSequenceClassification.from_pretrained(CLASSIFIER_MODEL_ID, { quantized: false });
  }, 60_000);

  it("the fixture belongs to the committed model", () => {
    expect(reference.model).toBe(classifier.modelVersion);
  });

  it.each(reference.cases.map((c) => [c.text, c] as const))("same token ids and logits for %s", async (_text, c) => {
    const ids = tokenizer.encode(c.text) as number[];
    expect(ids).toEqual(c.input_ids);
    const n = ids.length;
    const big = (xs: number[]) => new BigInt64Array(xs.map((x) => BigInt(x)));
    const { logits } = (await model({
      input_ids: new Tensor("int64", big(ids), [1, n]),
      attention_mask: new Tensor("int64", big(ids.map(() => 1)), [1, n]),
      token_type_ids: new Tensor("int64", big(ids.map(() => 0)), [1, n]),
    })) as { logits: Tensor };
    const got = Array.from(logits.data as Float32Array);
    expect(got).toHaveLength(c.logits.length);
    got.forEach((v, i) => expect(Math.abs(v - c.logits[i]!)).toBeLessThan(1e-4));
  });

  it("the classifier's score is 1 − P(public) of those logits", async () => {
    const cases = reference.cases.filter((c) => c.text.replace(/\s+/g, "").length >= 12);
    const scores = await classifier.score(cases.map((c) => c.text));
    cases.forEach((c, i) => {
      const m = Math.max(...c.logits);
      const e = c.logits.map((v) => Math.exp(v - m));
      const pPublic = e[0]! / e.reduce((a, b) => a + b, 0);
      expect(Math.abs(scores[i]!.sensitive - (1 - pPublic))).toBeLessThan(1e-4);
    });
  });
});

describe("the tokenizer both runtimes use gives Transformers.js's token ids", () => {
  let library: PreTrainedTokenizer;
  const ported = createWordPieceTokenizer(JSON.parse(readFileSync(path.join(MODELS, CLASSIFIER_MODEL_ID, "tokenizer.json"), "utf8")));
  const libraryIds = (text: string) => library.encode(text, null, { add_special_tokens: false }) as number[];
  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.localModelPath = MODELS + path.sep;
    library = await AutoTokenizer.from_pretrained(CLASSIFIER_MODEL_ID);
  }, 60_000);

  it("on every reference paragraph and on one real paragraph in ten of the public-text corpus", () => {
    const texts = [...reference.cases.map((c) => c.text), ...realParagraphs().filter((_, i) => i % 10 === 0)];
    const differing = texts.filter((t) => JSON.stringify(ported.encode(t)) !== JSON.stringify(libraryIds(t)));
    expect(differing).toEqual([]);
  });

  it("on any string: traditional and full-width text, web junk, accents, final sigma, combining marks, astral and lone surrogates, special-token text", () => {
    const pieces = fc.constantFrom(
      ..."保密審查工作通知，。、；：“”（）《》【】—…·　 \t\n\r０１２ＡＢｃ19aBc-_./@#%&*[]{}<>|~`'\"",
      "\u00a0", "\u200b", "\ufeff", "\u00ad", "\ufffd", "\u0000", "é", "É", "e\u0301", "\u0301", "\u0591", "Σ", "σ", "ΑΣ", "İ", "ß", "ﬁ", "\uf900", "\ufa0e",
      "𠀀", "𪚥", "😀", "\ud800", "\udc00", "[CLS]", "[UNK]", "[MASK", "1".repeat(101), "ｘ", "Ⅻ", "①", "㎡", "한국", "ｶﾞ",
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: pieces, maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 })), (text) => {
        expect(ported.encode(text)).toEqual(libraryIds(text));
        expect(ported.exactEncode(text)).toEqual(libraryIds(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("missing or broken model files", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "mishen-model-"));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
    // Later tests in this worker must load from the real folder again.
    env.localModelPath = MODELS + path.sep;
  });

  async function copyModel(name: string): Promise<string> {
    const dir = path.join(tmp, name);
    await cp(path.join(MODELS, CLASSIFIER_MODEL_ID), path.join(dir, CLASSIFIER_MODEL_ID), { recursive: true });
    return dir;
  }

  it.each(REQUIRED_MODEL_FILES.map((f) => [f]))("names %s when it is missing", async (file) => {
    const dir = await copyModel(file.replace(/\W/g, "_"));
    await unlink(path.join(dir, CLASSIFIER_MODEL_ID, file));
    const err = await loadClassifier(dir).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toContain("分类模型文件缺失");
    expect(err!.message).toContain(`${CLASSIFIER_MODEL_ID}/${file}`);
  });

  it("names the ONNX file when it is corrupt", async () => {
    const dir = await copyModel("corrupt-onnx");
    await writeFile(path.join(dir, CLASSIFIER_MODEL_ID, "onnx", "model.onnx"), "not an onnx graph");
    await expect(loadClassifier(dir)).rejects.toThrow(/分类模型文件无法加载：.*onnx\/model\.onnx/);
  }, 30_000);

  it("names config.json when it is not valid JSON", async () => {
    const dir = await copyModel("corrupt-config");
    await writeFile(path.join(dir, CLASSIFIER_MODEL_ID, "config.json"), "{ broken");
    await expect(loadClassifier(dir)).rejects.toThrow(/分类模型文件无法加载：.*config\.json/);
  });
});

describe("what an officer would notice", () => {
  it("flags clearly sensitive paragraphs with the right kind of risk", async () => {
    const scores = await classifier.score(fixture.sensitive.map((s) => s.text));
    const report = fixture.sensitive.map((s, i) => ({ want: s.riskType, ...scores[i]! }));
    // 1.2.0 missed the 两会劝返点 paragraph (0.986 against 0.99); 1.3.0 flags all seven.
    for (const r of report) {
      expect(r.sensitive, JSON.stringify(r)).toBeGreaterThanOrEqual(classifier.threshold);
      expect(r.riskType, JSON.stringify(r)).toBe(r.want);
      expect(lexicon.riskTypes[r.riskType!]?.reason).toMatch(/^疑似/);
    }
  });

  it("leaves the outline and summary lines every 工作总结 and 述职报告 has alone", async () => {
    // Report boilerplate (“一是…二是…”, “（一）…（二）…”) is in nearly every draft; a model that
    // escalates it would hold most reports. Run 15 scored such lines 0.90–0.99 and was rejected.
    const scores = await classifier.score(fixture.boilerplate);
    expect(fixture.boilerplate.length).toBeGreaterThanOrEqual(30);
    scores.forEach((s, i) => expect(s.sensitive, fixture.boilerplate[i]).toBeLessThan(classifier.threshold));
  });

  it("leaves ordinary public prose about 保密, 国家秘密 and 人事任免 alone", async () => {
    const scores = await classifier.score(fixture.public);
    scores.forEach((s, i) => {
      expect(s.sensitive, fixture.public[i]).toBeLessThan(classifier.threshold);
      expect(s.riskType).toBeNull();
    });
  });

  it("scores empty and very short paragraphs low without a risk type", async () => {
    const scores = await classifier.score(fixture.short);
    expect(scores).toHaveLength(fixture.short.length);
    for (const s of scores) expect(s).toEqual({ sensitive: 0, riskType: null });
  });

  it("returns one score per paragraph in input order, and an empty list for no input", async () => {
    const mixed = [fixture.public[1]!, "", fixture.sensitive[0]!.text, fixture.public[2]!];
    const scores = await classifier.score(mixed);
    expect(scores).toHaveLength(4);
    expect(scores[1]!.sensitive).toBe(0);
    expect(scores[2]!.sensitive).toBeGreaterThanOrEqual(classifier.threshold);
    expect(scores[0]!.sensitive).toBeLessThan(classifier.threshold);
    expect(await classifier.score([])).toEqual([]);
    // Batching must not change a paragraph's score.
    const alone = await classifier.score([fixture.sensitive[0]!.text]);
    expect(alone[0]!.sensitive).toBeCloseTo(scores[2]!.sensitive, 5);
  });

  it("gives a paragraph the same score whatever else is in the draft (padding is ignored)", async () => {
    // Windows of different lengths share one padded batch; the n-gram branch averages over the
    // real tokens only. Unsaturated scores (boilerplate, long public prose) show any leak.
    const texts = [...fixture.boilerplate, fixture.public[0]! + fixture.public[4]! + fixture.public[3]!];
    const together = await classifier.score(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await classifier.score([text]);
      const a = alone!.sensitive, b = together[i]!.sensitive;
      expect(Math.abs(a - b), text).toBeLessThanOrEqual(1e-6 + 1e-3 * Math.max(a, b));
    }
  });

  it("finds a sensitive sentence buried in a long paragraph (scored in windows)", async () => {
    const filler = fixture.public[0]! + fixture.public[4]! + fixture.public[3]!;
    const long = filler + fixture.sensitive[4]!.text + filler;
    expect(long.length).toBeGreaterThan(300);
    const [s] = await classifier.score([long]);
    expect(s!.sensitive).toBeGreaterThanOrEqual(classifier.threshold);
    // The same long public text without the sensitive sentence stays below the threshold. (A copy
    // of it doubled into one paragraph does not: see "Known weaknesses" in the model card.)
    const [clean] = await classifier.score([filler]);
    expect(filler.length).toBeGreaterThan(200);
    expect(clean!.sensitive).toBeLessThan(classifier.threshold);
  });
});

describe("token windows", () => {
  it("covers the whole paragraph with overlapping windows ending at its end", () => {
    const ids = Array.from({ length: 300 }, (_, i) => i);
    const ws = tokenWindows(ids, 126, 64);
    expect(ws[0]![0]).toBe(0);
    expect(ws[ws.length - 1]![125]).toBe(299);
    expect(ws.every((w) => w.length === 126)).toBe(true);
    expect(tokenWindows([1, 2, 3], 126, 64)).toEqual([[1, 2, 3]]);
  });
});
