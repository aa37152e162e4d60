// Redacted .docx/.xlsx copies are written with one fixed modification time on every entry, so the
// same draft redacts to the same bytes: a CMS that retries with its Idempotency-Key gets back the
// file it got the first time, and a file's hash means something in a dispute.
import JSZip from "jszip";

const ENTRY_DATE = new Date(Date.UTC(2000, 0, 1));

/** Writes the zip with every entry (folders JSZip adds on its own included) dated ENTRY_DATE. */
export function generateFixed(zip: JSZip): Promise<Uint8Array> {
  zip.forEach((_, entry) => {
    entry.date = ENTRY_DATE;
  });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Rewrites a zip we produced ourselves (exceljs stamps entries with the current time). */
export async function withFixedDates(bytes: Uint8Array): Promise<Uint8Array> {
  return generateFixed(await JSZip.loadAsync(bytes));
}
