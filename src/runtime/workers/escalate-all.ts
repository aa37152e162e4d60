// The classifier to use where the model cannot run (a Worker plan whose memory or script size
// cannot hold it): every paragraph the model would have judged is escalated to a 保密 officer,
// with a rule that says why. Never a silent pass: a deployment without the model sends more to
// the officers, not less. Chosen explicitly with MISHEN_CLASSIFIER=escalate-all.
import type { Classifier } from "../../engine/index.js";
import { mishenMetaSchema } from "../../classifier/windowed.js";

/** The risk type (and so the rule `classifier.model_unavailable`) of every escalation it makes. */
export const MODEL_UNAVAILABLE = "model_unavailable";

export function createEscalateAllClassifier(rawMeta: unknown): Classifier {
  const meta = mishenMetaSchema.parse(rawMeta);
  return {
    modelVersion: `${meta.modelVersion}+escalate-all`,
    threshold: meta.threshold,
    async score(paragraphs) {
      // The same paragraphs the model would see: those below minChars stay at 0 there too.
      return paragraphs.map((p) =>
        p.replace(/\s+/g, "").length >= meta.minChars ? { sensitive: 1, riskType: MODEL_UNAVAILABLE } : { sensitive: 0, riskType: null },
      );
    },
  };
}
