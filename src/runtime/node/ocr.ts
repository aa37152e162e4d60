// OCR on Node: Debian's tesseract-ocr with tesseract-ocr-chi-sim, and poppler-utils' pdftoppm to
// rasterize PDF pages. Images go in on standard input and results come back on standard output:
// no attachment is written to disk. Each run has a time limit and is killed past it; a missing
// program or language makes OCR unavailable (the part is escalated, never published).
import { spawn } from "node:child_process";
import { parseTesseractTsv, type OcrPort, type OcrWord } from "../../ingest/ocr.js";

export interface NodeOcrOptions {
  tesseract?: string;
  pdftoppm?: string;
  language?: string;
}

export function createNodeOcr(options: NodeOcrOptions = {}): OcrPort {
  const tesseract = options.tesseract ?? "tesseract";
  const pdftoppm = options.pdftoppm ?? "pdftoppm";
  const language = options.language ?? "chi_sim";
  let checked: Promise<string | null> | undefined;

  return {
    unavailable() {
      checked ??= (async () => {
        try {
          const langs = (await run(tesseract, ["--list-langs"], new Uint8Array(), 10_000)).toString("utf8");
          if (!langs.split(/\s+/).includes(language)) return `OCR 未安装中文语言包（${language}），请安装 tesseract-ocr-chi-sim`;
        } catch {
          return "服务器未安装 OCR（tesseract-ocr）";
        }
        try {
          await run(pdftoppm, ["-v"], new Uint8Array(), 10_000);
        } catch {
          return "服务器未安装 PDF 栅格化工具（poppler-utils）";
        }
        return null;
      })();
      return checked;
    },
    async rasterizePdfPage(pdf, page, dpi, timeoutMs) {
      return run(pdftoppm, ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", "-"], pdf, timeoutMs);
    },
    async recognize(image, timeoutMs): Promise<OcrWord[]> {
      const tsv = await run(tesseract, ["stdin", "stdout", "-l", language, "tsv"], image, timeoutMs);
      return parseTesseractTsv(tsv.toString("utf8"));
    },
  };
}

function run(command: string, args: string[], input: Uint8Array, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, OMP_THREAD_LIMIT: "1" } });
    const out: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} 超时`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      size += d.length;
      // A page image or a word list is never this large; stop a runaway process.
      if (size > 256 * 1024 * 1024) child.kill("SIGKILL");
      else out.push(d);
    });
    child.stderr.resume();
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} 退出码 ${code}`));
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}
