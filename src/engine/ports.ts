// What the engine needs from its runtime. Each runtime (Node, Workers) supplies one adapter per
// port; the engine never imports a runtime itself.

export interface TaggedWord {
  word: string;
  /** jieba part-of-speech tag: nr = person name, ns = place, x = unknown (HMM-found names land here too). */
  tag: string;
}

/** Chinese word segmentation. Called on small windows around candidates, never on the whole draft. */
export interface Segmenter {
  tag(text: string): TaggedWord[];
  /**
   * How common a word is in the segmenter's dictionary (its corpus count; 0 when the word is not in
   * it or is rarer than the adapter keeps). 陈述 and 许可 are common words, 王芳 is not: a would-be
   * name that is a common word is that word. Optional: without it, names are judged without it.
   */
  frequency?(word: string): number;
}

export interface ParagraphScore {
  /** Probability (0–1) that the paragraph must not be published without a 保密 officer's decision. */
  sensitive: number;
  /** The most likely risk type (a key of the sensitive-content lexicon), or null when the model cannot tell. */
  riskType: string | null;
  /**
   * The threshold that applies to this paragraph when the model holds some paragraphs to a higher
   * one (e.g. very short ones); absent means the classifier's own `threshold`.
   */
  threshold?: number;
}

/** Paragraph-level confidentiality classifier. It can only add escalations, never remove one. */
export interface Classifier {
  readonly modelVersion: string;
  /** Score at or above which a paragraph is escalated (chosen on held-out data, see the model card). */
  readonly threshold: number;
  /** Scores paragraphs in order; the result has one entry per input paragraph. */
  score(paragraphs: string[]): Promise<ParagraphScore[]>;
}
