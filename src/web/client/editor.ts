// The editor page: paste or drop a draft, review it, read every finding in place, copy the
// redacted text, mark a false alarm.
import type { Finding } from "../../engine/index.js";
import { ACTION_LABELS, CATEGORY_LABELS } from "../../cli/labels.js";
import { splitRuns } from "../highlight.js";
import { deadlineText, formatDate } from "../format.js";
import { api, byId, el, wireCopyButton } from "./common.js";

interface ReviewAnswer {
  id: string;
  decision: "publish" | "redact" | "escalate";
  findings: Finding[];
  redactedText: string;
  engine: { profile: string };
  escalation: { id: string; deadline: string; workingDays: number; workingDaysLeft: number; deadlineProvisional: boolean } | null;
}

const form = byId<HTMLFormElement>("review-form");
const draft = byId<HTMLTextAreaElement>("draft");
const title = byId<HTMLInputElement>("title");
const profile = byId<HTMLSelectElement>("profile");
const fileInput = byId<HTMLInputElement>("file");
const formStatus = byId("form-status");
const submit = byId<HTMLButtonElement>("submit");
const result = byId("result");
const redacted = byId<HTMLTextAreaElement>("redacted");
wireCopyButton(byId<HTMLButtonElement>("copy"), redacted, byId("copy-status"));

async function loadFile(file: File): Promise<void> {
  if (file.size > 2 * 1024 * 1024) {
    formStatus.textContent = "文件超过 2 MB，无法审查";
    return;
  }
  try {
    draft.value = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    if (!title.value) title.value = file.name.replace(/\.txt$/i, "");
    formStatus.textContent = `已读入文件 ${file.name}`;
  } catch {
    formStatus.textContent = "文件不是 UTF-8 编码的文本（GBK 文件请先另存为 UTF-8）";
  }
}

fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  if (file) void loadFile(file);
});
draft.addEventListener("dragover", (e) => {
  e.preventDefault();
  draft.classList.add("dropping");
});
draft.addEventListener("dragleave", () => draft.classList.remove("dropping"));
draft.addEventListener("drop", (e) => {
  e.preventDefault();
  draft.classList.remove("dropping");
  const file = e.dataTransfer?.files[0];
  if (file) void loadFile(file);
});

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = draft.value;
  if (text.trim() === "") {
    formStatus.textContent = "请先粘贴或输入文稿正文";
    draft.focus();
    return;
  }
  submit.disabled = true;
  formStatus.textContent = "正在审查……";
  const body: Record<string, string> = { text };
  if (title.value.trim()) body.title = title.value;
  if (profile.value) body.profile = profile.value;
  const answer = await api<ReviewAnswer>("POST", "/v1/reviews", body);
  submit.disabled = false;
  if (!answer.ok) {
    formStatus.textContent = answer.message;
    return;
  }
  formStatus.textContent = "";
  render(text, answer.data);
});

const DECISION_TEXT = { publish: "可以发布", redact: "需脱敏后发布", escalate: "已提交保密审查" } as const;

function render(text: string, review: ReviewAnswer): void {
  result.hidden = false;
  const decision = byId("decision");
  decision.className = `decision decision-${review.decision}`;
  decision.textContent = DECISION_TEXT[review.decision];

  const notice = byId("escalation-notice");
  notice.hidden = !review.escalation;
  notice.replaceChildren();
  if (review.escalation) {
    const e = review.escalation;
    notice.append(
      `本稿含有需由保密审查人员审定的内容，已转交保密审查人员。办理期限：${formatDate(e.deadline)}（${e.workingDays} 个工作日，${deadlineText(e.workingDaysLeft)}${
        e.deadlineProvisional ? "，暂按周一至周五计算" : ""
      }）。 `,
      el("a", { href: `/reviews/${review.id}`, id: "case-link" }, "查看办理状态"),
    );
  }

  const dismissed = new Set<number>();
  const view = byId("draft-view");
  view.replaceChildren(
    ...splitRuns(text.length, review.findings).map((run) => {
      const piece = text.slice(run.start, run.end);
      if (run.cover.length === 0) return document.createTextNode(piece);
      const inner = review.findings[run.cover[0]!]!;
      const escalated = run.cover.some((i) => review.findings[i]!.action === "escalate");
      const mark = el("mark", { class: `hl cat-${inner.category}${escalated ? " in-escalation" : ""}`, "data-findings": run.cover.join(" "), tabindex: "-1" }, piece);
      mark.title = run.cover.map((i) => CATEGORY_LABELS[review.findings[i]!.category]).join("、");
      if (run.first.length) mark.dataset.first = run.first.join(" ");
      return mark;
    }),
  );

  byId("finding-count").textContent = `（${review.findings.length}）`;
  const list = byId("finding-list");
  list.replaceChildren(...review.findings.map((f, i) => findingItem(review, f, i, dismissed, text)));
  if (review.findings.length === 0) list.append(el("li", {}, "未发现需要处理的内容。"));

  const pane = byId("redacted-pane");
  pane.hidden = review.decision !== "redact";
  redacted.value = review.redactedText;
  byId("decision").focus?.();
  result.scrollIntoView({ block: "start" });
}

function findingItem(review: ReviewAnswer, f: Finding, index: number, dismissed: Set<number>, text: string): HTMLLIElement {
  const jump = el("button", { type: "button", class: "jump" }, el("span", { class: `chip cat-${f.category}` }, CATEGORY_LABELS[f.category]), ` ${ACTION_LABELS[f.action]}`);
  jump.addEventListener("click", () => {
    const mark = document.querySelector<HTMLElement>(`#draft-view mark[data-first~="${index}"]`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    mark.classList.add("focused");
    mark.focus({ preventScroll: true });
    setTimeout(() => mark.classList.remove("focused"), 1500);
  });
  const shown = f.text.length > 80 ? f.text.slice(0, 80) + "…" : f.text;
  const details = el(
    "details",
    {},
    el("summary", {}, "判断依据"),
    el(
      "ul",
      {},
      el("li", {}, `规则：${f.rule}`),
      ...(f.explanation.validator ? [el("li", {}, `校验：${f.explanation.validator}`)] : []),
      ...(f.explanation.context.length ? [el("li", {}, `语境词：${f.explanation.context.map((h) => h.word).join("、")}`)] : []),
      ...f.explanation.notes.map((n) => el("li", {}, n)),
      el("li", {}, `置信度：${f.explanation.finalScore.toFixed(2)}`),
    ),
  );
  const item = el("li", { class: `finding ${f.action}`, id: `finding-${index}` }, jump, el("p", { class: "value" }, shown), el("p", {}, f.reason), el("p", { class: "basis" }, f.basis), details);
  if (f.action === "redact") item.append(falseAlarmControl(review, f, index, dismissed, text, item));
  else item.append(el("p", { class: "muted" }, "此项须由保密审查人员决定，不能标记为误报。"));
  return item;
}

function falseAlarmControl(review: ReviewAnswer, f: Finding, index: number, dismissed: Set<number>, text: string, item: HTMLLIElement): HTMLElement {
  const open = el("button", { type: "button", class: "link" }, "标记为误报");
  const reasonId = `fa-reason-${index}`;
  const reason = el("textarea", { id: reasonId, rows: "2", maxlength: "1000" });
  const confirm = el("button", { type: "button" }, "确认误报");
  const status = el("span", { role: "status" });
  const box = el("div", { class: "false-alarm", hidden: "" }, el("label", { for: reasonId }, "误报理由（必填）"), reason, confirm, status);
  open.addEventListener("click", () => {
    box.hidden = !box.hidden;
    if (!box.hidden) reason.focus();
  });
  confirm.addEventListener("click", async () => {
    if (!reason.value.trim()) {
      status.textContent = "请填写误报理由";
      reason.focus();
      return;
    }
    confirm.disabled = true;
    const answer = await api("POST", `/v1/reviews/${review.id}/false-alarms`, { ordinal: index, reason: reason.value });
    confirm.disabled = false;
    if (!answer.ok) {
      status.textContent = answer.message;
      return;
    }
    dismissed.add(index);
    item.classList.add("dismissed");
    box.replaceChildren(el("p", {}, `已标记为误报：${reason.value.trim()}（已记入审计记录）`));
    open.remove();
    for (const mark of document.querySelectorAll<HTMLElement>(`#draft-view mark[data-findings~="${index}"]`)) mark.classList.add("dismissed");
    // Masks keep the value's length, so the original characters drop back into place.
    const chars = redacted.value.split("");
    for (let i = f.start; i < f.end; i++) chars[i] = text[i]!;
    redacted.value = chars.join("");
  });
  return el("div", {}, open, box);
}
