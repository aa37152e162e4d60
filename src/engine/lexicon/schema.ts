import { z } from "zod";

// Placeholder: the full lexicon schema lands with the recognizers.
export const lexiconSchema = z.object({
  version: z.string(),
  profiles: z.record(z.string(), z.unknown()),
});
export type Lexicon = z.infer<typeof lexiconSchema>;
export type RawLexiconFiles = Record<string, unknown>;

export function parseLexicon(files: RawLexiconFiles): Lexicon {
  const manifest = z.object({ version: z.string() }).parse(files["manifest"]);
  return { version: manifest.version, profiles: { default: {} } };
}
