// Sensitive prose without a marking (未公开人事、内部讨论、安保部署、设施位置、个人病情与犯罪记录):
// each paragraph (line) goes to the classifier; those at or above its threshold are escalated
// with the paragraph highlighted. The classifier can only add escalations.
import { clampScore, type Candidate, type RecognizerInput } from "../candidate.js";
import type { Classifier, ParagraphScore } from "../ports.js";
import { toOriginal } from "../normalize.js";

/** Shorter lines are headings, table cells and signatures: nothing a paragraph classifier can judge. */
export const MIN_PARAGRAPH_CHARS = 12;
const SENSITIVE_BASIS = "《中华人民共和国政府信息公开条例》第十四条、第十五条、第十六条；《中华人民共和国保守国家秘密法》第十三条";

export async function scoreParagraphs(input: RecognizerInput, classifier: Classifier): Promise<Candidate[]> {
  const { doc } = input;
  const paragraphs: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const { start, end } = doc.paragraphSpan(i);
    if (doc.text.slice(start, end).replace(/\s/g, "").length < MIN_PARAGRAPH_CHARS) continue;
    // The model was trained on prose as published (full-width punctuation, 繁體 as written).
    const span = toOriginal(doc.norm, start, end);
    paragraphs.push({ start, end, text: input.original.slice(span.start, span.end) });
  }
  if (paragraphs.length === 0) return [];
  // Compilations repeat paragraphs; each distinct one goes to the model once.
  const distinct = [...new Set(paragraphs.map((p) => p.text))];
  const byText = new Map<string, ParagraphScore | undefined>();
  (await classifier.score(distinct)).forEach((score, i) => byText.set(distinct[i]!, score));
  const scores = paragraphs.map((p) => byText.get(p.text));
  const riskTypes = input.lexicon.data["sensitive-content"].riskTypes;
  const out: Candidate[] = [];
  paragraphs.forEach((p, i) => {
    const s = scores[i];
    if (!s || s.sensitive < classifier.threshold) return;
    const risk = s.riskType ? riskTypes[s.riskType] : undefined;
    out.push({
      category: "sensitive_content",
      rule: `classifier.${s.riskType ?? "sensitive"}`,
      start: p.start,
      end: p.end,
      action: "escalate",
      baseScore: clampScore(s.sensitive),
      score: clampScore(s.sensitive),
      pattern: `段落分类模型 ${classifier.modelVersion}（阈值 ${classifier.threshold}）`,
      validator: null,
      context: [],
      notes: s.riskType ? [`风险类型：${s.riskType}`] : [],
      reason: risk?.reason ?? "疑似含有不宜公开的敏感内容，须由保密工作人员审定",
      basis: SENSITIVE_BASIS,
      priority: 100,
    });
  });
  return out;
}
