// HTML articles as a CMS publishes them. parse5 (the WHATWG parsing algorithm, with source
// locations) reads the markup; the review runs over what a reader sees: text of the body, table
// cells, link text, `alt` and `title` attributes, block elements as line breaks and cells as tabs
// so that labels and column headers work as in plain text. Scripts, styles, templates, comments
// and hidden elements are not read. Every extracted unit keeps its range in the source, so a
// finding can be located in the HTML and the redacted HTML is the source with only the masked
// characters replaced, even when a value is split across inline tags or written with character
// references. Runtime-neutral.
import { parse, parseFragment, serialize, type DefaultTreeAdapterMap } from "parse5";
import { DecodingMode, HtmlEntityDecoder } from "entities/decode";
import { MappedText, MappedTextBuilder, changedUnits } from "./mapped-text.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];
type TextNode = DefaultTreeAdapterMap["textNode"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** A range of the HTML source that one extracted unit came from. */
export interface HtmlOrigin {
  start: number;
  end: number;
  /** Attribute values are escaped for their quotes when rewritten. */
  inAttribute: boolean;
  /** The text node or attribute the unit belongs to, and its index in the decoded value, for the fallback rewrite. */
  holder: TextNode | { element: Element; attr: string };
  index: number;
}

export interface ExtractedHtml {
  /** The HTML as sent. */
  source: string;
  mapped: MappedText<HtmlOrigin>;
  /** The parsed tree, kept for the serializer fallback. */
  root: ParentNode;
  fragment: boolean;
}

const SKIPPED = new Set(["script", "style", "template", "noscript", "head", "iframe", "object", "svg", "math", "select"]);
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "option",
  "legend", "title",
]);
const WHITESPACE = new Set([" ", "\t", "\n", "\r", "\f"]);

/** Whether the source is a whole document (parsed as one) or an article body (parsed as a fragment). */
function isWholeDocument(html: string): boolean {
  const head = html.slice(0, 2048).toLowerCase();
  return head.includes("<!doctype") || head.includes("<html");
}

export function extractHtml(html: string): ExtractedHtml {
  const fragment = !isWholeDocument(html);
  const root: ParentNode = fragment
    ? parseFragment(html, { sourceCodeLocationInfo: true })
    : parse(html, { sourceCodeLocationInfo: true });
  const out = new MappedTextBuilder<HtmlOrigin>();
  const decoder = new EntityMapper();

  const pushAttribute = (element: Element, name: string) => {
    const attr = element.attrs.find((a) => a.name === name);
    if (!attr || attr.value.trim() === "") return;
    const loc = element.sourceCodeLocation?.attrs?.[name];
    let value = attr.value;
    let skip = 0;
    if (name === "href") {
      const lower = value.toLowerCase();
      skip = lower.startsWith("mailto:") ? 7 : lower.startsWith("tel:") ? 4 : -1;
      if (skip < 0) return;
      value = value.slice(skip);
    }
    out.breakLine();
    const units = loc ? decoder.attributeUnits(html, loc.startOffset, loc.endOffset, attr.value) : null;
    const holder = { element, attr: name };
    out.push(value, (i) => {
      const u = units?.[i + skip];
      return { start: u ? u[0] : -1, end: u ? u[1] : -1, inAttribute: true, holder, index: i + skip };
    });
    out.breakLine();
  };

  const pushText = (node: TextNode, pre: boolean) => {
    const loc = node.sourceCodeLocation;
    const units = loc ? decoder.textUnits(html, loc.startOffset, loc.endOffset, node.value) : null;
    const origin = (i: number): HtmlOrigin => {
      const u = units?.[i];
      return { start: u ? u[0] : -1, end: u ? u[1] : -1, inAttribute: false, holder: node, index: i };
    };
    const value = node.value;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i]!;
      if (!pre && WHITESPACE.has(ch)) {
        // Runs of white space read as one space, and none at the start of a line.
        if (out.length === 0 || out.lastChar === "\n" || out.lastChar === " " || out.lastChar === "\t") continue;
        out.push(" ", () => origin(i));
        continue;
      }
      out.push(ch, () => origin(i));
    }
  };

  const walk = (node: Node, pre: boolean) => {
    if (node.nodeName === "#text") {
      pushText(node as TextNode, pre);
      return;
    }
    if (node.nodeName === "#comment" || node.nodeName === "#documentType") return;
    if (!("childNodes" in node)) return;
    const element = "tagName" in node ? (node as Element) : null;
    if (element) {
      const tag = element.tagName;
      if (isHidden(element)) return;
      if (tag === "head") {
        // The page title is published with the page; the rest of the head is not read.
        for (const child of element.childNodes) if ("tagName" in child && child.tagName === "title") walk(child, false);
        return;
      }
      if (SKIPPED.has(tag) && tag !== "select") return;
      if (tag === "br") {
        out.separator("\n");
        return;
      }
      if (tag === "td" || tag === "th") {
        if (out.length > 0 && out.lastChar !== "\n") out.separator("\t");
      } else if (BLOCKS.has(tag)) out.breakLine();
      if (element.attrs.some((a) => a.name === "title")) pushAttribute(element, "title");
      if (tag === "img" || tag === "area" || (tag === "input" && element.attrs.some((a) => a.name === "type" && a.value.toLowerCase() === "image"))) {
        pushAttribute(element, "alt");
      }
      if (tag === "a") pushAttribute(element, "href");
      const childPre = pre || tag === "pre" || tag === "textarea" || tag === "listing";
      const children = tag === "template" ? [] : element.childNodes;
      for (const child of children) walk(child, childPre);
      if (BLOCKS.has(tag)) out.breakLine();
      return;
    }
    for (const child of (node as ParentNode).childNodes) walk(child, pre);
  };
  walk(root, false);
  return { source: html, mapped: out.build(), root, fragment };
}

/** `hidden`, `display:none`, `visibility:hidden`, `<input type=hidden>`: not on the page a reader sees. */
function isHidden(element: Element): boolean {
  for (const attr of element.attrs) {
    if (attr.name === "hidden") return true;
    if (attr.name === "type" && element.tagName === "input" && attr.value.toLowerCase() === "hidden") return true;
    if (attr.name === "style") {
      for (const declaration of attr.value.split(";")) {
        const colon = declaration.indexOf(":");
        if (colon < 0) continue;
        const property = declaration.slice(0, colon).trim().toLowerCase();
        const value = declaration.slice(colon + 1).replace("!important", "").trim().toLowerCase();
        if ((property === "display" && value === "none") || (property === "visibility" && value === "hidden")) return true;
      }
    }
  }
  return false;
}

/**
 * Maps each UTF-16 unit of a decoded text node or attribute value to its range in the source:
 * a plain character to itself, a character reference (&#49; &amp; &nbsp) to the whole
 * reference, CR LF to both. References are decoded by `entities` (the decoder parse5 itself
 * uses). Returns null when the decoding does not reproduce parse5's value (the holder is then
 * rewritten whole).
 */
class EntityMapper {
  private emitted: number[] = [];
  private consumed = 0;
  private readonly decoder = new HtmlEntityDecoder((cp, consumed) => {
    this.emitted.push(cp);
    this.consumed = consumed;
  });

  textUnits(html: string, start: number, end: number, expected: string): [number, number][] | null {
    return this.decode(html, start, end, expected, DecodingMode.Legacy);
  }

  attributeUnits(html: string, start: number, end: number, expected: string): [number, number][] | null {
    // The location covers `name = "value"`: find where the value starts and ends.
    let i = start;
    while (i < end && html[i] !== "=") i++;
    if (i >= end) return null;
    i++;
    while (i < end && WHITESPACE.has(html[i]!)) i++;
    let valueEnd = end;
    if (html[i] === '"' || html[i] === "'") {
      i++;
      valueEnd = end - 1;
    }
    return this.decode(html, i, valueEnd, expected, DecodingMode.Attribute);
  }

  private decode(html: string, start: number, end: number, expected: string, mode: DecodingMode): [number, number][] | null {
    const units: [number, number][] = [];
    let decoded = "";
    const raw = html.slice(start, end);
    for (let i = 0; i < raw.length; ) {
      const ch = raw[i]!;
      if (ch === "&") {
        this.emitted = [];
        this.consumed = 0;
        this.decoder.startEntity(mode);
        let n = this.decoder.write(raw, i + 1);
        if (n < 0) n = this.decoder.end();
        if (n > 0 && this.emitted.length > 0) {
          const text = String.fromCodePoint(...this.emitted);
          for (let k = 0; k < text.length; k++) units.push([start + i, start + i + n]);
          decoded += text;
          i += n;
          continue;
        }
      }
      if (ch === "\r") {
        const span = raw[i + 1] === "\n" ? 2 : 1;
        units.push([start + i, start + i + span]);
        decoded += "\n";
        i += span;
        continue;
      }
      units.push([start + i, start + i + 1]);
      decoded += ch;
      i++;
    }
    return decoded === expected ? units : null;
  }
}

/** Offsets of a finding in the HTML source: the covering range and its contiguous pieces. */
export interface HtmlSpan {
  start: number;
  end: number;
  spans: { start: number; end: number }[];
}

export function htmlSpanOf(mapped: MappedText<HtmlOrigin>, start: number, end: number): HtmlSpan | null {
  const origins = mapped.originsIn(start, end).filter((o) => o.start >= 0);
  if (origins.length === 0) return null;
  const spans: { start: number; end: number }[] = [];
  for (const o of origins) {
    const last = spans[spans.length - 1];
    if (last && o.start <= last.end) last.end = Math.max(last.end, o.end);
    else spans.push({ start: o.start, end: o.end });
  }
  return { start: spans[0]!.start, end: spans[spans.length - 1]!.end, spans };
}

function escapeFor(text: string, inAttribute: boolean): string {
  let out = "";
  for (const ch of text) {
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === "\u00a0") out += "&nbsp;";
    else if (inAttribute && ch === '"') out += "&quot;";
    else if (inAttribute && ch === "'") out += "&#39;";
    else out += ch;
  }
  return out;
}

/**
 * The source with every unit that differs between the extracted text and its masked copy
 * replaced in place. Tags, attributes, comments and every unmasked character stay byte for byte.
 * Should a changed unit have no exact source range, the masked text goes into the parsed tree
 * and the tree is serialized instead (valid HTML, with parse5's normalized markup).
 */
export function redactHtml(html: string, extracted: ExtractedHtml, masked: string): string {
  const { mapped } = extracted;
  const changed = changedUnits(mapped.text, masked);
  if (changed.length === 0) return html;
  const replacements = new Map<number, { end: number; text: string; inAttribute: boolean }>();
  for (const i of changed) {
    const o = mapped.origins[i];
    if (!o) continue;
    if (o.start < 0) return redactBySerializing(extracted, masked);
    if (replacements.has(o.start)) continue;
    // A reference that decodes to two units (a surrogate pair) is rewritten once, from both:
    // such units are neighbours with the same source range.
    let first = i;
    while (first > 0 && mapped.origins[first - 1]?.start === o.start) first--;
    let last = i;
    while (last + 1 < mapped.origins.length && mapped.origins[last + 1]?.start === o.start) last++;
    replacements.set(o.start, { end: o.end, text: masked.slice(first, last + 1), inAttribute: o.inAttribute });
  }
  const starts = [...replacements.keys()].sort((a, b) => a - b);
  let out = "";
  let at = 0;
  for (const s of starts) {
    const r = replacements.get(s)!;
    out += html.slice(at, s) + escapeFor(r.text, r.inAttribute);
    at = r.end;
  }
  return out + html.slice(at);
}

/**
 * The same values written again where the review does not read (a comment, a hidden element,
 * a script, another attribute) are masked too: a value found on the page must not survive in its
 * source. Only literal repeats are caught, and only values whose masked form is plain text.
 */
export function maskRepeats(html: string, values: readonly { text: string; masked: string }[]): string {
  let out = html;
  const safe = (s: string) => !/[<>&"']/.test(s);
  for (const v of [...values].sort((a, b) => b.text.length - a.text.length)) {
    if (v.text.length < 4 || v.text === v.masked || !safe(v.text) || !safe(v.masked)) continue;
    if (out.includes(v.text)) out = out.split(v.text).join(v.masked);
  }
  return out;
}

function redactBySerializing(extracted: ExtractedHtml, masked: string): string {
  const { mapped } = extracted;
  const edits = new Map<HtmlOrigin["holder"], Map<number, string>>();
  for (let i = 0; i < mapped.origins.length; i++) {
    const o = mapped.origins[i];
    if (!o || masked[i] === mapped.text[i]) continue;
    const perHolder = edits.get(o.holder) ?? new Map<number, string>();
    perHolder.set(o.index, masked[i]!);
    edits.set(o.holder, perHolder);
  }
  const apply = (value: string, changes: Map<number, string>) => value.split("").map((ch, i) => changes.get(i) ?? ch).join("");
  for (const [holder, changes] of edits) {
    if ("element" in holder) {
      const attr = holder.element.attrs.find((a) => a.name === holder.attr);
      if (attr) attr.value = apply(attr.value, changes);
    } else holder.value = apply(holder.value, changes);
  }
  return serialize(extracted.root);
}
