// Word documents (.docx). The WordprocessingML parts are read as XML (@xmldom/xmldom): the body,
// headers, footers, footnotes, endnotes and comments, including text deleted under tracked
// changes (still in the file, still published with it). Each run of text keeps its node, so
// the redacted copy is the same package with only the masked characters changed in their runs:
// formatting, tables, images and every other part stay as they were. (mammoth reads the same
// text, but gives no way back to the runs, which a redacted copy needs.)
import JSZip from "jszip";
import { DOMParser, XMLSerializer, type Document as XmlDocument, type Node as XmlNode } from "@xmldom/xmldom";
import type { ReadAttachment } from "../attachment.js";
import { MappedTextBuilder, changedUnits } from "../mapped-text.js";
import { IngestError, type Deadline, type IngestLimits } from "../limits.js";
import { readZip } from "../zip.js";
import { generateFixed } from "../zip-write.js";

interface RunOrigin {
  part: string;
  /** The text node inside <w:t> or <w:delText>, and the unit's index in it. */
  node: XmlNode & { data: string };
  index: number;
  paragraph: number;
}

const PART_ORDER = (name: string) =>
  name === "word/document.xml" ? 0 : name.includes("header") ? 1 : name.includes("footer") ? 2 : name.includes("footnotes") ? 3 : name.includes("endnotes") ? 4 : 5;

function partLabel(name: string): string | undefined {
  if (name === "word/document.xml") return undefined;
  return name.slice("word/".length, -".xml".length);
}

export async function readDocx(bytes: Uint8Array, filename: string, limits: IngestLimits, deadline: Deadline): Promise<ReadAttachment> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw new IngestError("encrypted_attachment", `附件“${filename}”是加密（设置了打开密码）或旧版 .doc 格式的 Word 文件，无法审查；请另存为未加密的 .docx`);
  }
  const { files } = await readZip(bytes, filename, limits, deadline);
  if (!files.has("word/document.xml")) throw new IngestError("corrupt_attachment", `附件“${filename}”不是有效的 .docx 文件（缺少 word/document.xml）`);
  const names = [...files.keys()]
    .filter((n) => /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/.test(n))
    .sort((a, b) => PART_ORDER(a) - PART_ORDER(b) || a.localeCompare(b));

  const out = new MappedTextBuilder<RunOrigin>();
  const docs = new Map<string, XmlDocument>();
  const decoder = new TextDecoder("utf-8");
  for (const name of names) {
    let doc: XmlDocument;
    try {
      doc = new DOMParser({ onError: () => undefined }).parseFromString(decoder.decode(files.get(name)!), "text/xml");
    } catch {
      throw new IngestError("corrupt_attachment", `附件“${filename}”已损坏（${name} 不是有效的 XML）`);
    }
    if (!doc.documentElement) throw new IngestError("corrupt_attachment", `附件“${filename}”已损坏（${name} 不是有效的 XML）`);
    docs.set(name, doc);
    walkPart(doc.documentElement, name, out);
    out.breakLine();
    deadline.check(`读取“${filename}”`);
  }
  const mapped = out.build();

  return {
    kind: "docx",
    text: mapped.text,
    locate: (start, end) => {
      const o = mapped.originsIn(start, end)[0];
      if (!o) return {};
      const part = partLabel(o.part);
      return part ? { part, paragraph: o.paragraph } : { paragraph: o.paragraph };
    },
    redact: async (masked) => {
      const touched = new Set<string>();
      for (const i of changedUnits(mapped.text, masked)) {
        const o = mapped.origins[i];
        if (!o) continue;
        o.node.data = o.node.data.slice(0, o.index) + masked[i] + o.node.data.slice(o.index + 1);
        touched.add(o.part);
      }
      // Only the parts that changed are rewritten; every other entry is copied as it was.
      const zip = new JSZip();
      for (const [name, data] of files) {
        zip.file(name, touched.has(name) ? new XMLSerializer().serializeToString(docs.get(name)!) : data, { compression: "DEFLATE" });
      }
      return generateFixed(zip);
    },
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    unreliable: [],
  };
}

/** Paragraphs as lines, table cells as tabs, tabs and breaks as they are. */
function walkPart(root: XmlNode, part: string, out: MappedTextBuilder<RunOrigin>): void {
  let paragraph = 0;
  let cellDepth = 0;
  const visit = (node: XmlNode) => {
    if (node.nodeType !== 1) return;
    const name = (node as unknown as { localName: string }).localName;
    switch (name) {
      case "p": {
        paragraph++;
        for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
        // Paragraphs inside one table cell stay on the row's line.
        if (cellDepth > 0) {
          if (out.length > 0 && out.lastChar !== "\t" && out.lastChar !== " " && out.lastChar !== "\n") out.separator(" ");
        } else out.breakLine();
        return;
      }
      case "tc": {
        if (out.length > 0 && out.lastChar !== "\n") out.separator("\t");
        cellDepth++;
        for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
        cellDepth--;
        return;
      }
      case "tr": {
        out.breakLine();
        for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
        out.breakLine();
        return;
      }
      case "t":
      case "delText": {
        const p = paragraph;
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.nodeType !== 3 && c.nodeType !== 4) continue;
          const textNode = c as XmlNode & { data: string };
          out.push(textNode.data, (index) => ({ part, node: textNode, index, paragraph: p }));
        }
        return;
      }
      case "tab":
        out.separator("\t");
        return;
      case "br":
      case "cr":
        out.separator("\n");
        return;
      // Properties (tab stops, fonts, numbering) and field codes hold no text a reader sees.
      case "instrText":
      case "pPr":
      case "rPr":
      case "tblPr":
      case "trPr":
      case "tcPr":
      case "sectPr":
        return;
      default:
        for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
    }
  };
  visit(root);
}
