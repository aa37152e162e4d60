// Spreadsheets (.xlsx) through exceljs. Every sheet is read, hidden ones and hidden rows and
// columns too (they are published with the file); rows become lines and cells tabs, so a column
// headed 身份证号 labels the numbers under it. The redacted copy is the workbook written back
// with the masked cells' values replaced (a masked cell keeps its style; a formula whose result
// carried a value is replaced by the masked text).
import type ExcelJS from "exceljs";
import type { ReadAttachment } from "../attachment.js";
import { MappedTextBuilder, changedUnits } from "../mapped-text.js";
import { IngestError, type Deadline, type IngestLimits } from "../limits.js";
import { readZip } from "../zip.js";
import { withFixedDates } from "../zip-write.js";
import { cellAddress } from "./plain.js";

interface CellOrigin {
  sheet: number;
  row: number;
  column: number;
  index: number;
}

export async function readXlsx(bytes: Uint8Array, filename: string, limits: IngestLimits, deadline: Deadline): Promise<ReadAttachment> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw new IngestError("encrypted_attachment", `附件“${filename}”是加密（设置了打开密码）或旧版 .xls 格式的 Excel 文件，无法审查；请另存为未加密的 .xlsx`);
  }
  // Inflated here first, capped: exceljs only ever sees a file whose real size is known.
  const { files } = await readZip(bytes, filename, limits, deadline);
  if (!files.has("xl/workbook.xml")) throw new IngestError("corrupt_attachment", `附件“${filename}”不是有效的 .xlsx 文件（缺少 xl/workbook.xml）`);
  // Imported on the first spreadsheet, not at start-up: exceljs costs the HTTP thread ~18 MB of
  // resident memory that a service which never sees an .xlsx should not carry (docs/performance.md).
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new IngestError("corrupt_attachment", `附件“${filename}”已损坏，无法作为 .xlsx 读取`);
  }
  deadline.check(`读取“${filename}”`);

  const out = new MappedTextBuilder<CellOrigin>();
  const sheets = workbook.worksheets;
  let cells = 0;
  sheets.forEach((ws, sheet) => {
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      out.breakLine();
      const last = row.cellCount;
      for (let column = 1; column <= last; column++) {
        if (column > 1) out.separator("\t");
        const cell = row.getCell(column);
        if (cell.isMerged && cell.master !== cell) continue;
        const text = cellText(cell);
        if (text === "") continue;
        if (++cells > limits.maxCells) throw new IngestError("too_many_cells", `附件“${filename}”超过 ${limits.maxCells} 个单元格的上限`);
        out.push(text, (index) => ({ sheet, row: rowNumber, column, index }));
      }
    });
    out.breakLine();
    out.separator("\n");
    deadline.check(`读取“${filename}”`);
  });
  const mapped = out.build();

  return {
    kind: "xlsx",
    text: mapped.text,
    pages: sheets.length,
    locate: (start, end) => {
      const o = mapped.originsIn(start, end)[0];
      return o ? { sheet: sheets[o.sheet]!.name, cell: cellAddress(o.row, o.column) } : {};
    },
    redact: async (masked) => {
      const edits = new Map<string, { o: CellOrigin; units: Map<number, string> }>();
      for (const i of changedUnits(mapped.text, masked)) {
        const o = mapped.origins[i];
        if (!o) continue;
        const key = `${o.sheet}:${o.row}:${o.column}`;
        const entry = edits.get(key) ?? { o, units: new Map<number, string>() };
        entry.units.set(o.index, masked[i]!);
        edits.set(key, entry);
      }
      for (const { o, units } of edits.values()) {
        const cell = sheets[o.sheet]!.getRow(o.row).getCell(o.column);
        const text = cellText(cell);
        cell.value = text
          .split("")
          .map((ch, i) => units.get(i) ?? ch)
          .join("");
      }
      return withFixedDates(new Uint8Array(await workbook.xlsx.writeBuffer()));
    },
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    unreliable: [],
  };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (typeof value === "object" && "formula" in value) return value.result === undefined || value.result === null ? "" : String(value.result instanceof Date ? value.result.toISOString().slice(0, 10) : typeof value.result === "object" ? "" : value.result);
  try {
    return cell.text ?? "";
  } catch {
    return "";
  }
}
