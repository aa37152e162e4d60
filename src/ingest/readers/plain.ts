// .txt, .csv and .html attachments: text files whose redacted copy is the same file with only
// the masked characters replaced. Runtime-neutral.
import { lineAt, type ReadAttachment } from "../attachment.js";
import { decodeTextFile, encodeTextFile } from "../text-file.js";
import { extractHtml, maskRepeats, redactHtml } from "../html.js";
import { MappedTextBuilder, changedUnits } from "../mapped-text.js";
import { IngestError, type IngestLimits } from "../limits.js";

export function readTxt(bytes: Uint8Array, filename: string): ReadAttachment {
  const decoded = decodeTextFile(bytes, filename);
  const text = decoded.text;
  return {
    kind: "txt",
    text,
    locate: (start) => ({ line: lineAt(text, start) }),
    redact: async (masked) => encodeTextFile(masked, decoded),
    mediaType: "text/plain; charset=utf-8",
    unreliable: [],
  };
}

export function readHtmlAttachment(bytes: Uint8Array, filename: string): ReadAttachment {
  const decoded = decodeTextFile(bytes, filename);
  const extracted = extractHtml(decoded.text);
  const { mapped } = extracted;
  return {
    kind: "html",
    text: mapped.text,
    locate: (start, end) => {
      const origin = mapped.originsIn(start, end).find((o) => o.start >= 0);
      return { line: origin ? lineAt(decoded.text, origin.start) : 1 };
    },
    redact: async (masked, values) => encodeTextFile(maskRepeats(redactHtml(decoded.text, extracted, masked), values), decoded),
    mediaType: "text/html; charset=utf-8",
    unreliable: [],
  };
}

interface CsvOrigin {
  /** Offset in the decoded file. */
  at: number;
  row: number;
  column: number;
}

/** RFC 4180 fields (quotes, doubled quotes, line breaks inside quotes), each unit mapped to the file. */
export function readCsv(bytes: Uint8Array, filename: string, limits: IngestLimits): ReadAttachment {
  const decoded = decodeTextFile(bytes, filename);
  const src = decoded.text;
  const out = new MappedTextBuilder<CsvOrigin>();
  let row = 1;
  let column = 1;
  let cells = 0;
  let i = 0;
  const delimiter = sniffDelimiter(src);
  while (i < src.length) {
    // One field.
    if (src[i] === '"') {
      i++;
      for (;;) {
        if (i >= src.length) break;
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            const at = i + 1;
            out.push('"', () => ({ at, row, column }));
            i += 2;
            continue;
          }
          i++;
          break;
        }
        const at = i;
        // A line break inside a cell reads as a space, so the row stays one line.
        out.push(src[i] === "\n" || src[i] === "\r" ? " " : src[i]!, () => ({ at, row, column }));
        i++;
      }
      // Anything between the closing quote and the delimiter belongs to the field too.
      while (i < src.length && src[i] !== delimiter && src[i] !== "\n" && src[i] !== "\r") {
        const at = i;
        out.push(src[i]!, () => ({ at, row, column }));
        i++;
      }
    } else {
      while (i < src.length && src[i] !== delimiter && src[i] !== "\n" && src[i] !== "\r") {
        const at = i;
        out.push(src[i]!, () => ({ at, row, column }));
        i++;
      }
    }
    cells++;
    if (cells > limits.maxCells) throw new IngestError("too_many_cells", `附件“${filename}”超过 ${limits.maxCells} 个单元格的上限`);
    if (i >= src.length) break;
    if (src[i] === delimiter) {
      out.separator("\t");
      column++;
      i++;
    } else {
      if (src[i] === "\r" && src[i + 1] === "\n") i++;
      i++;
      out.separator("\n");
      row++;
      column = 1;
    }
  }
  const mapped = out.build();
  return {
    kind: "csv",
    text: mapped.text,
    locate: (start, end) => {
      const o = mapped.originsIn(start, end)[0];
      return o ? { cell: cellAddress(o.row, o.column) } : {};
    },
    redact: async (masked) => {
      const units = src.split("");
      for (const i of changedUnits(mapped.text, masked)) {
        const o = mapped.origins[i];
        if (o && units[o.at] !== '"' && units[o.at] !== "\n" && units[o.at] !== "\r") units[o.at] = masked[i]!;
      }
      return encodeTextFile(units.join(""), decoded);
    },
    mediaType: "text/csv; charset=utf-8",
    unreliable: [],
  };
}

function sniffDelimiter(src: string): string {
  const firstLine = src.slice(0, Math.max(0, src.indexOf("\n")) || 2000);
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [",", ";", "\t"].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ",";
}

/** A1-style address: column 1 → A, 27 → AA. */
export function cellAddress(row: number, column: number): string {
  let name = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row}`;
}
