// The review status page: copying the (final) redacted text.
import { wireCopyButton } from "./common.js";

const copy = document.getElementById("copy") as HTMLButtonElement | null;
const source = document.getElementById("redacted") as HTMLTextAreaElement | null;
const status = document.getElementById("copy-status");
if (copy && source && status) wireCopyButton(copy, source, status);
