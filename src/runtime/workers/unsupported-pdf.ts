// Stands in for pdfjs-dist in the Worker bundle (wrangler.toml [alias]). The PDF reader imports
// pdfjs on first use, so refusing here, at import, refuses the attachment before the reader
// looks for pdfjs' CMaps on a disk the Worker does not have.
import { refuseAttachment } from "./unsupported-reader.js";

refuseAttachment();
