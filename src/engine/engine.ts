// The screening pipeline: normalize once, run the recognizers over the normalized text, score
// paragraphs with the classifier, map every span back to the caller's offsets, then decide.
import type { Classifier, Segmenter } from "./ports.js";
import type { Lexicon } from "./lexicon/schema.js";
import type { Category, Dismissal, EngineInfo, Finding, ScreenInput, ScreenResult } from "./schema.js";
import { buildNormalizationTables, normalize, toOriginal, type NormalizedText } from "./normalize.js";
import { DraftDocument } from "./document.js";
import { findProtectedSpans } from "./keep-list.js";
import { detectProfile } from "./profile.js";
import type { Candidate, Recognizer, RecognizerInput } from "./candidate.js";
import { recognizeNumbers } from "./recognizers/numbers.js";
import { recognizeHkMoTwIds } from "./recognizers/hk-mo-tw-id.js";
import { recognizeEmails } from "./recognizers/email.js";
import { recognizeRegionalMobiles } from "./recognizers/regional-mobile.js";
import { recognizeImAccounts } from "./recognizers/im-account.js";
import { recognizePassports } from "./recognizers/passport.js";
import { recognizeTravelPermits } from "./recognizers/travel-permit.js";
import { recognizeLicensePlates } from "./recognizers/license-plate.js";
import { recognizeSecretMarkings } from "./recognizers/secret-marking.js";
import { recognizePersonNames } from "./recognizers/person-name.js";
import { recognizeAddresses } from "./recognizers/address.js";
import { recognizeDenyTerms } from "./recognizers/deny-list.js";
import { recognizeSelfRestricted } from "./recognizers/self-restricted.js";
import { recognizeEarthquakeForecasts } from "./recognizers/earthquake-forecast.js";
import { recognizeExposedSystems } from "./recognizers/exposed-systems.js";
import { recognizeSecrecyBreaches } from "./recognizers/secrecy-breach.js";
import { recognizeUnreleasedExam } from "./recognizers/unreleased-exam.js";
import { recognizeSensitiveColumns } from "./recognizers/sensitive-columns.js";
import { scoreParagraphs } from "./recognizers/sensitive-content.js";
import { maskValue, type MaskOptions } from "./mask.js";
import { decide } from "./decision.js";

export const ENGINE_VERSION = "0.3.0";

/** Order matters only where a recognizer reads earlier results (addresses read the numbers). */
const RECOGNIZERS: readonly Recognizer[] = [
  recognizeNumbers,
  recognizeHkMoTwIds,
  recognizeEmails,
  recognizeImAccounts,
  recognizeRegionalMobiles,
  recognizePassports,
  recognizeTravelPermits,
  recognizeLicensePlates,
  recognizeSecretMarkings,
  recognizeDenyTerms,
  recognizeSelfRestricted,
  recognizeEarthquakeForecasts,
  recognizeExposedSystems,
  recognizeSecrecyBreaches,
  recognizeUnreleasedExam,
  recognizeSensitiveColumns,
  recognizePersonNames,
  recognizeAddresses,
];

export interface EngineOptions {
  lexicon: Lexicon;
  segmenter?: Segmenter;
  classifier?: Classifier;
  /** Clock for "birth date not in the future"; tests pin it. */
  now?: () => Date;
}

/** Per-call options; the same on every runtime, all optional. */
export interface ScreenOptions {
  /**
   * Ends the screening early (a time budget, a client that went away): checked between
   * recognizers and around the classifier, and the call rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface Engine {
  readonly version: string;
  readonly lexiconVersion: string;
  readonly modelVersion: string | undefined;
  /** Profiles this lexicon defines; a request naming another one is a client error. */
  readonly profiles: readonly string[];
  screen(input: ScreenInput, options?: ScreenOptions): Promise<ScreenResult>;
  /** The masked form of a found value exactly as redactedText shows it (address levels, compound surnames from the lexicon). */
  mask(category: Category, value: string): string;
}

export function createEngine(options: EngineOptions): Engine {
  const { lexicon, segmenter, classifier } = options;
  const n = lexicon.data.normalization;
  const tables = buildNormalizationTables({ ...n, t2sPairs: lexicon.data.t2s.pairs + lexicon.data.t2s.variants });
  const address = lexicon.data["recognizers/address"];
  const maskOptions: MaskOptions = {
    adminLevels: address.adminLevels,
    compoundSurnames: lexicon.data.surnames.compound,
  };

  async function screen(input: ScreenInput, screenOptions: ScreenOptions = {}): Promise<ScreenResult> {
    const { signal } = screenOptions;
    signal?.throwIfAborted();
    const norm = normalize(input.text, tables);
    const doc = new DraftDocument(norm);
    const profileName = input.profile ?? detectProfile(lexicon, input.title, doc);
    const profile = lexicon.profiles[profileName];
    if (!profile) throw new UnknownProfileError(profileName);
    const protectedSpans = findProtectedSpans(norm.text, lexicon, profile);
    const candidates: Candidate[] = [];
    const recognizerInput: RecognizerInput = {
      doc,
      original: input.text,
      lexicon,
      profileName,
      profile,
      segmenter,
      isProtected: (start, end) => protectedSpans.overlaps(start, end),
      earlier: candidates,
      now: options.now?.() ?? new Date(),
    };
    // One push per candidate: spreading hundreds of thousands of them (a 2 MB pasted table) into
    // push's arguments overflows the stack.
    const add = (found: readonly Candidate[]) => {
      for (const c of found) candidates.push(c);
    };
    for (const recognize of RECOGNIZERS) {
      signal?.throwIfAborted();
      add(recognize(recognizerInput));
    }
    signal?.throwIfAborted();
    if (classifier) add(await scoreParagraphs(recognizerInput, classifier));
    signal?.throwIfAborted();

    const findings: Finding[] = [];
    const dismissed: Dismissal[] = [];
    for (const c of candidates) {
      const span = toOriginal(norm, c.start, c.end);
      if (c.action === null) {
        dismissed.push({ category: c.category, start: span.start, end: span.end, rule: c.rule, reason: c.dismissReason ?? "" });
        continue;
      }
      findings.push(toFinding(c, span, input.text, norm));
    }
    const kept = resolveOverlaps(findings);
    kept.sort((a, b) => a.start - b.start || b.end - a.end);
    dismissed.sort((a, b) => a.start - b.start);
    const engine: EngineInfo = {
      version: ENGINE_VERSION,
      lexiconVersion: lexicon.version,
      profile: profileName,
      ...(classifier ? { modelVersion: classifier.modelVersion } : {}),
    };
    return {
      decision: decide(kept),
      findings: kept,
      dismissed,
      redactedText: redact(input.text, kept, maskOptions),
      engine,
    };
  }

  return {
    version: ENGINE_VERSION,
    lexiconVersion: lexicon.version,
    modelVersion: classifier?.modelVersion,
    profiles: Object.keys(lexicon.profiles),
    screen,
    mask: (category, value) => maskValue(category, value, maskOptions),
  };
}

/** Too many screenings waiting already: the caller should come back later (runtimes with a queue throw it). */
export class EngineBusyError extends Error {
  constructor() {
    super("审查服务繁忙，请稍后重试");
    this.name = "EngineBusyError";
  }
}

export class UnknownProfileError extends Error {
  constructor(readonly profile: string) {
    super(`未知的审查配置：${profile}`);
    this.name = "UnknownProfileError";
  }
}

function toFinding(c: Candidate, span: { start: number; end: number }, text: string, norm: NormalizedText): Finding {
  return {
    category: c.category,
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    action: c.action!,
    rule: c.rule,
    confidence: c.score,
    reason: c.reason,
    basis: c.basis,
    explanation: {
      pattern: c.pattern,
      validator: c.validator,
      baseScore: c.baseScore,
      context: c.context.map((h) => {
        const at = toOriginal(norm, h.start, h.end);
        return { word: h.word, start: at.start, end: at.end, effect: h.effect };
      }),
      notes: c.notes,
      finalScore: c.score,
    },
  };
}

/**
 * Two redactions of the same characters keep the stronger one; an escalation never hides a
 * redaction (a name inside an escalated paragraph is still masked) and is never hidden itself.
 */
function resolveOverlaps(findings: Finding[]): Finding[] {
  const escalations = findings.filter((f) => f.action === "escalate");
  const redactions = findings
    .filter((f) => f.action === "redact")
    .sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start));
  const kept: Finding[] = [];
  // Characters already claimed by a stronger redaction: one flag per character keeps this linear.
  const end = redactions.reduce((m, r) => Math.max(m, r.end), 0);
  const claimed = new Uint8Array(end);
  for (const r of redactions) {
    let free = true;
    for (let i = r.start; i < r.end && free; i++) if (claimed[i]) free = false;
    if (!free) continue;
    claimed.fill(1, r.start, r.end);
    kept.push(r);
  }
  // Escalations of the same span (two marking rules on one marking) are reported once.
  // Is one already kept of its category covering it: the largest end among those starting at or
  // before it, per category (a prefix maximum over starts), instead of comparing with every one.
  const escalated: Finding[] = [];
  const starts = [...new Set(escalations.map((e) => e.start))].sort((a, b) => a - b);
  const rank = new Map(starts.map((s, i) => [s, i + 1]));
  const reach = new Map<string, Int32Array>();
  for (const e of escalations.sort((a, b) => b.end - b.start - (a.end - a.start))) {
    let tree = reach.get(e.category);
    if (!tree) reach.set(e.category, (tree = new Int32Array(starts.length + 1).fill(-1)));
    let covered = -1;
    for (let i = rank.get(e.start)!; i > 0; i -= i & -i) covered = Math.max(covered, tree[i]!);
    if (covered >= e.end) continue;
    escalated.push(e);
    for (let i = rank.get(e.start)!; i < tree.length; i += i & -i) tree[i] = Math.max(tree[i]!, e.end);
  }
  return [...kept, ...escalated];
}

function redact(text: string, findings: Finding[], options: MaskOptions): string {
  let out = "";
  let at = 0;
  for (const f of findings) {
    if (f.action !== "redact" || f.start < at) continue;
    out += text.slice(at, f.start) + maskValue(f.category, f.text, options);
    at = f.end;
  }
  return out + text.slice(at);
}
