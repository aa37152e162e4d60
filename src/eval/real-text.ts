// Real published documents through the engine, per genre: every one of them should come out
// `publish`. Rules are held to zero findings on all of them (nothing here was written to fit a
// rule); the classifier is judged only on each genre's held-out test documents, which neither
// trained nor calibrated it (see real-split.ts).
import type { Engine, ScreenResult } from "../engine/index.js";
import { documentKey, genreOf, type RealDoc, type RealSplit } from "./real-split.js";

export interface FlaggedDoc {
  id: string;
  genre: string;
  title: string;
  decision: ScreenResult["decision"];
  /** rule ids, with the classifier's as classifier.<risk type> */
  detectors: string[];
  examples: string[];
}

export interface GenreRow {
  genre: string;
  /** Every record of the genre, screened by the rules. */
  docs: number;
  rulesFlagged: number;
  /** Held-out test records, screened with the classifier too. */
  heldOut: number;
  heldOutFlagged: number;
  classifierFlagged: number;
}

export interface RealTextReport {
  rows: GenreRow[];
  flagged: FlaggedDoc[];
  modelVersion: string | undefined;
}

const isClassifierRule = (rule: string) => rule.startsWith("classifier.");

export async function screenRealText(
  docs: readonly RealDoc[],
  split: ReadonlyMap<string, RealSplit>,
  engines: { rules: Engine; full?: Engine | undefined },
): Promise<RealTextReport> {
  const rows = new Map<string, GenreRow>();
  const flagged: FlaggedDoc[] = [];
  for (const d of docs) {
    const genre = genreOf(d);
    const row = rows.get(genre) ?? { genre, docs: 0, rulesFlagged: 0, heldOut: 0, heldOutFlagged: 0, classifierFlagged: 0 };
    rows.set(genre, row);
    row.docs++;
    const heldOut = engines.full !== undefined && split.get(documentKey(d)) === "test";
    const result = await (heldOut ? engines.full! : engines.rules).screen({ text: d.text, title: d.title });
    const ruleFindings = result.findings.filter((f) => !isClassifierRule(f.rule));
    if (ruleFindings.length) row.rulesFlagged++;
    if (heldOut) {
      row.heldOut++;
      if (result.decision !== "publish") row.heldOutFlagged++;
      if (result.findings.some((f) => isClassifierRule(f.rule))) row.classifierFlagged++;
    }
    if (result.findings.length) {
      flagged.push({
        id: d.id,
        genre,
        title: d.title,
        decision: result.decision,
        detectors: [...new Set(result.findings.map((f) => f.rule))],
        examples: result.findings.slice(0, 3).map((f) => `${f.rule} ${JSON.stringify(f.text.slice(0, 40))}`),
      });
    }
  }
  return { rows: [...rows.values()], flagged, modelVersion: engines.full?.modelVersion };
}
