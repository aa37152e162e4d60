import type { Classifier, Segmenter } from "./ports.js";
import type { Lexicon } from "./lexicon/schema.js";
import type { EngineInfo, ScreenInput, ScreenResult } from "./schema.js";

export const ENGINE_VERSION = "0.1.0";

export interface EngineOptions {
  lexicon: Lexicon;
  segmenter?: Segmenter;
  classifier?: Classifier;
}

export interface Engine {
  readonly version: string;
  readonly lexiconVersion: string;
  readonly modelVersion: string | undefined;
  /** Profiles this lexicon defines; a request naming another one is a client error. */
  readonly profiles: readonly string[];
  screen(input: ScreenInput): Promise<ScreenResult>;
}

export function createEngine(options: EngineOptions): Engine {
  const { lexicon, classifier } = options;
  return {
    version: ENGINE_VERSION,
    lexiconVersion: lexicon.version,
    modelVersion: classifier?.modelVersion,
    profiles: Object.keys(lexicon.profiles),
    async screen(input: ScreenInput): Promise<ScreenResult> {
      // Placeholder while the recognizers land: detects nothing.
      const engine: EngineInfo = {
        version: ENGINE_VERSION,
        lexiconVersion: lexicon.version,
        profile: input.profile ?? "default",
        ...(classifier ? { modelVersion: classifier.modelVersion } : {}),
      };
      return { decision: "publish", findings: [], dismissed: [], redactedText: input.text, engine };
    },
  };
}
