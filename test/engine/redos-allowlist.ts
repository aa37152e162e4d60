// Regular expressions that `recheck` does not call safe, each with the reason it cannot blow up
// where mishen runs it. An entry names where the pattern lives and recognizes it by its shape, so a
// changed pattern falls out of the list and is checked afresh. `reduced`, when given, is the same
// construction on a few words: recheck must call that one safe (the full pattern is too big for
// it to finish).

export interface AllowedRegex {
  /** The file the pattern is written in or built by (origin of the inventory, without a line). */
  file: string;
  /** Recognizes the pattern's source. */
  shape: RegExp;
  /** Why the work stays linear (or bounded) on any input. */
  bound: string;
  reduced?: { source: string; flags: string };
}

export const REDOS_ALLOWLIST: readonly AllowedRegex[] = [
  {
    file: "src/auth/tokens.ts",
    shape: /^=\+\$$/,
    bound: "Only ever applied to the base64 form of 32 random bytes (44 characters) made by generateToken: input length is fixed.",
  },
  {
    file: "src/engine/recognizers/email.ts",
    shape: /^\[A-Za-z0-9\]\[A-Za-z0-9\._%\+-\]\{0,63\}@/,
    bound:
      "Linear. The local part is at most 64 characters and cannot contain @, so at most 64 start positions reach any given @ " +
      "(every other start fails within 64 steps). From such a start the domain is read label by label: a label cannot contain the dot " +
      "that ends it, so each label has one length that works and backtracking costs at most 63 steps a label, O(63·domain) a start. " +
      "Domains of different @ are disjoint (a domain cannot contain @). Total work ≤ 64·63·n steps. recheck's fuzzer reads the bounded " +
      "repeats {0,63}/{0,62} as growing with the input, which they do not.",
  },
  {
    file: "src/engine/recognizers/email.ts",
    // local(at)domain, local#domain, local AT domain: the @ stand-ins of the lexicon.
    shape: /^\[A-Za-z0-9\]\[A-Za-z0-9\._%\+-\]\{0,63\}\( \?\(\?:/,
    bound:
      "Linear, as the @ form above. Every stand-in for @ opens with a character the local part cannot hold (a blank, a bracket, #), " +
      "so at most 64 start positions reach a given stand-in and each fails or passes it within the stand-in's length. The domain is " +
      "read label by label as above: O(63·domain) a start, and the domains after different stand-ins are disjoint up to the blank " +
      "that may follow a stand-in. Total work ≤ 64·63·n steps; recheck reads the bounded repeats as growing with the input.",
  },
  {
    file: "src/engine/lexicon/schema.ts",
    shape: /^\(\?:村\|社区\|居委会\|组\|屯\|庄\)\[\^，。；,;\|\\t\\n\]\{0,12\}\?\(\?<!\[0-9\]\)\[0-9\]\+号\|/,
    bound:
      "lexicons/recognizers/address.json residentialMarkers (validated by the lexicon schema, run by address.ts). Every digit run " +
      "is entered at its first digit only ((?<![0-9])). The first alternative starts at one of the words 村…庄 and has at most 13 " +
      "filler lengths ({0,12}?), each followed by at most one digit run that is read once: ≤ 13 runs scanned per start word, and a " +
      "run can be reached only from start words within the 12 characters before it, so each character is read a bounded number " +
      "of times. recheck's fuzzer counts the bounded filler as growing.",
  },
  {
    file: "src/engine/recognizers/address.ts",
    shape: /^\(\?:村\|社区\|居委会\|组\|屯\|庄\)\[\^，。；,;\|\\t\\n\]\{0,12\}\?\(\?<!\[0-9\]\)\[0-9\]\+号\|/,
    bound: "The same lexicon pattern (residentialMarkers) as compiled by the address recognizer: see the lexicon schema entry.",
  },
  {
    file: "src/engine/recognizers/person-name.ts",
    shape: /^\(\?:\[，,\]\(\?:\(\?:性别\[:：\]\)\?\(\?:男\|女\)\|/,
    bound:
      "The tail between a name and its identifier's label (sex, ethnicity, age or birth date, then the label): only ever exec'd " +
      "on the 45 characters before an identifier (text.slice(max(line start, start − 45), start)), so its input is at most 45 characters.",
  },
];
