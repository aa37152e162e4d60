// Stands in for exceljs (and, through unsupported-pdf.ts, pdfjs-dist) in the Worker bundle (wrangler.toml [alias]): both need
// Node (streams, CMaps read from disk) and would add megabytes to a script whose size the
// platform limits. An .xlsx or .pdf attachment sent to the Worker is refused with a stable code
// and a reason; send it to a Node deployment, or as .docx/.csv/.txt/.html.
import { IngestError } from "../../ingest/limits.js";

export function refuseAttachment(): never {
  throw new IngestError(
    "unsupported_attachment",
    "此部署（Cloudflare Workers）不读取 .xlsx 与 .pdf 附件，请改用 .docx、.csv、.txt、.html，或提交到 Node 部署的密审服务",
  );
}

class Workbook {
  constructor() {
    refuseAttachment();
  }
}

export default { Workbook };
