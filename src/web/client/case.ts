// The officer's case page: claim, pick extra spans to mask, decide.
import { api, byId, el } from "./common.js";

const head = document.querySelector<HTMLElement>(".case-head")!;
const caseId = head.dataset.case!;
const textLength = Number(head.dataset.length);
const current = head.dataset.current || undefined;
const message = byId("case-message");
const draftView = document.getElementById("case-draft");

function scrollToFinding(index: string): void {
  const mark = draftView?.querySelector<HTMLElement>(`mark[data-first~="${index}"]`);
  if (!mark) return;
  mark.tabIndex = -1;
  mark.scrollIntoView({ block: "center", behavior: "smooth" });
  mark.focus({ preventScroll: true });
  mark.classList.add("focused");
  setTimeout(() => mark.classList.remove("focused"), 1500);
}
for (const link of document.querySelectorAll<HTMLAnchorElement>("a.jump")) {
  link.addEventListener("click", (e) => {
    e.preventDefault();
    scrollToFinding(link.dataset.finding!);
  });
}

document.getElementById("claim")?.addEventListener("click", async () => {
  const answer = await api("POST", `/v1/escalations/${caseId}/claim`);
  if (answer.ok) location.reload();
  else message.textContent = answer.message;
});

// Extra spans to mask, as UTF-16 offsets into the draft.
const spans: { start: number; end: number }[] = [];
const spanList = document.getElementById("span-list");

function offsetOf(node: Node, offset: number): number | null {
  const holder = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>("[data-start]");
  if (holder && draftView?.contains(holder)) {
    return Number(holder.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : offset === 0 ? 0 : (holder.textContent ?? "").length);
  }
  if (node === draftView) {
    const child = draftView.children[offset] as HTMLElement | undefined;
    return child ? Number(child.dataset.start) : textLength;
  }
  return null;
}

function renderSpans(): void {
  if (!spanList) return;
  const text = draftView?.textContent ?? "";
  spanList.replaceChildren(
    ...spans.map((s, i) => {
      const remove = el("button", { type: "button", class: "link" }, "移除");
      remove.addEventListener("click", () => {
        spans.splice(i, 1);
        renderSpans();
      });
      const preview = text.slice(s.start, s.end);
      return el("li", {}, `[${s.start}, ${s.end}) “${preview.length > 40 ? preview.slice(0, 40) + "…" : preview}” `, remove);
    }),
  );
}

function addSpan(start: number, end: number): void {
  if (end <= start || spans.some((s) => s.start === start && s.end === end)) return;
  spans.push({ start, end });
  spans.sort((a, b) => a.start - b.start);
  renderSpans();
  const redact = document.querySelector<HTMLInputElement>('input[name="decision"][value="redact"]');
  if (redact) redact.checked = true;
}

document.getElementById("add-span")?.addEventListener("click", () => {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
    message.textContent = "请先在文稿中选中要脱敏的文字";
    return;
  }
  const range = selection.getRangeAt(0);
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null) {
    message.textContent = "只能选中文稿中的文字";
    return;
  }
  addSpan(Math.min(start, end), Math.max(start, end));
  message.textContent = "";
});

for (const button of document.querySelectorAll<HTMLButtonElement>("button.add-finding-span")) {
  button.addEventListener("click", () => addSpan(Number(button.dataset.start), Number(button.dataset.end)));
}

const form = document.getElementById("decision-form") as HTMLFormElement | null;
form?.addEventListener("submit", async (e) => {
  e.preventDefault();
  const decision = form.querySelector<HTMLInputElement>('input[name="decision"]:checked')?.value;
  const reason = byId<HTMLTextAreaElement>("reason").value;
  const ground = byId<HTMLSelectElement>("ground").value;
  if (!decision) {
    message.textContent = "请选择决定：同意公开、脱敏后公开或不予公开";
    return;
  }
  const body: Record<string, unknown> = { decision, reason };
  if (decision === "withhold" && ground) body.ground = ground;
  if (decision === "redact") body.redactSpans = spans;
  if (current) body.supersedes = current;
  const answer = await api("POST", `/v1/escalations/${caseId}/decision`, body);
  if (answer.ok) location.reload();
  else {
    message.textContent = answer.message;
    message.scrollIntoView({ block: "center" });
  }
});
