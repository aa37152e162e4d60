// Server-rendered pages. Every value goes through hono/html's escaping; no inline script or
// style (the Content-Security-Policy forbids both): behaviour comes from /assets/*.js.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Principal } from "../auth/principal.js";
import { ROLE_LABELS, roleAllows } from "../auth/roles.js";
import { ACTION_LABELS, CATEGORY_LABELS, DECISION_LABELS } from "../cli/labels.js";
import type { Category } from "../engine/index.js";
import { FINAL_DECISION_LABELS, STATUS_LABELS, WITHHOLD_GROUNDS } from "../escalation/labels.js";
import type { DecisionView, EscalationView } from "../escalation/schema.js";
import type { CaseView } from "../http/escalation-service.js";
import type { StoredReviewResponse } from "../http/schemas.js";
import type { UserView } from "../http/user-service.js";
import type { ProfileChoice } from "../http/app.js";
import { splitRuns } from "./highlight.js";
import { deadlineText, formatDate, formatTime } from "./format.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const categoryLabel = (c: string) => CATEGORY_LABELS[c as Category] ?? c;

export function layout(opts: { title: string; principal?: Principal; script?: string; body: Html; wide?: boolean }): Html {
  const p = opts.principal;
  const csrf = p?.session?.csrfToken ?? "";
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · 密审</title>
<link rel="stylesheet" href="/assets/app.css">
${p ? html`<meta name="csrf-token" content="${csrf}">` : ""}
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="top">
  <a class="brand" href="/">密审 <small>保密审查</small></a>
  ${
    p
      ? html`<nav aria-label="主导航">
    <a href="/">审查文稿</a>
    ${roleAllows(p.role, "escalation:list") ? html`<a href="/officer">保密审查队列</a>` : ""}
    ${roleAllows(p.role, "user:list") ? html`<a href="/admin">用户管理</a>` : ""}
  </nav>
  <div class="who"><span>${p.name}（${ROLE_LABELS[p.role]}）</span>
    <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="link">退出</button></form>
  </div>`
      : ""
  }
</header>
<main id="main" class="${opts.wide ? "wide" : ""}">
${opts.body}
</main>
${opts.script ? html`<script type="module" src="/assets/${opts.script}"></script>` : ""}
</body>
</html>`;
}

export function loginView(opts: { csrf: string; next: string; username?: string; error?: string; notice?: string }): Html {
  return layout({
    title: "登录",
    body: html`<section class="login card">
  <h1>登录密审</h1>
  ${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ""}
  ${opts.error ? html`<p class="error" role="alert" id="login-error">${opts.error}</p>` : ""}
  <form method="post" action="/login">
    <input type="hidden" name="_csrf" value="${opts.csrf}">
    <input type="hidden" name="next" value="${opts.next}">
    <label for="username">用户名</label>
    <input id="username" name="username" autocomplete="username" required autofocus value="${opts.username ?? ""}">
    <label for="password">密码</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit" class="primary">登录</button>
  </form>
</section>`,
  });
}

export function forbiddenView(principal: Principal): Html {
  return layout({
    title: "无权访问",
    principal,
    body: html`<section class="card"><h1>无权访问</h1><p>当前账号的角色（${ROLE_LABELS[principal.role]}）不能查看此页面。如需权限，请联系管理员。</p><p><a href="/">返回审查文稿</a></p></section>`,
  });
}

export function notFoundView(principal: Principal, what: string): Html {
  return layout({ title: "不存在", principal, body: html`<section class="card"><h1>${what}不存在</h1><p><a href="/">返回首页</a></p></section>` });
}

export function editorView(principal: Principal, profiles: readonly ProfileChoice[]): Html {
  return layout({
    title: "审查文稿",
    principal,
    script: "editor.js",
    wide: true,
    body: html`<h1>文稿保密审查</h1>
<form id="review-form" class="card review-form" novalidate>
  <div class="row">
    <div class="field grow"><label for="title">标题（可选）</label><input id="title" name="title" maxlength="500"></div>
    <div class="field"><label for="profile">审查配置</label>
      <select id="profile" name="profile">
        <option value="">自动判断</option>
        ${profiles.map((p) => html`<option value="${p.name}" title="${p.description}">${p.label}</option>`)}
      </select></div>
  </div>
  <label for="draft">文稿正文 <span class="hint">（粘贴或输入；也可以把 .txt 文件拖到此处）</span></label>
  <textarea id="draft" name="text" rows="14" required></textarea>
  <div class="row actions">
    <input type="file" id="file" class="visually-hidden" accept=".txt,text/plain"><label for="file" class="button">选择 .txt 文件</label>
    <button type="submit" class="primary" id="submit">审查</button>
    <span id="form-status" role="status" aria-live="polite"></span>
  </div>
</form>
<section id="result" hidden aria-live="polite">
  <div id="decision" class="decision"></div>
  <div id="escalation-notice" class="notice" hidden></div>
  <div class="panes">
    <div class="pane"><h2>原文（发现项已标出）</h2><div id="draft-view" class="draft-view" tabindex="0"></div></div>
    <aside class="pane"><h2>发现项 <span id="finding-count"></span></h2><ol id="finding-list" class="finding-list"></ol></aside>
  </div>
  <section id="redacted-pane" class="card" hidden>
    <h2>脱敏后文本</h2>
    <textarea id="redacted" rows="10" readonly></textarea>
    <div class="row actions"><button type="button" id="copy" class="primary">复制脱敏文本</button><span id="copy-status" role="status" aria-live="polite"></span></div>
  </section>
</section>`,
  });
}

function decisionBanner(decision: string): Html {
  const text = decision === "publish" ? "可以发布" : decision === "redact" ? "需脱敏后发布" : "已提交保密审查";
  return html`<div class="decision decision-${decision}">${text}</div>`;
}

function deadlineCell(e: Pick<EscalationView, "deadline" | "workingDaysLeft" | "status" | "deadlineProvisional" | "overdue">): Html {
  return html`<span class="deadline ${e.overdue ? "overdue" : ""}">${formatDate(e.deadline)}<br><small>${
    e.status === "decided" ? "已决定" : deadlineText(e.workingDaysLeft)
  }${e.deadlineProvisional ? "（暂按周一至周五计算）" : ""}</small></span>`;
}

function decisionBlock(d: DecisionView, current: boolean): Html {
  return html`<div class="final-decision ${current ? "" : "superseded"}">
  <p class="verdict verdict-${d.decision}">${FINAL_DECISION_LABELS[d.decision]}${current ? "" : "（已被后续决定取代）"}</p>
  ${d.groundLabel ? html`<p><strong>理由类别：</strong>${d.groundLabel}<br><small>${d.basis}</small></p>` : ""}
  <p><strong>决定理由：</strong>${d.reason}</p>
  <p><strong>决定人：</strong>${d.decidedBy.name}${d.decidedBy.username ? `（${d.decidedBy.username}）` : ""}　<strong>时间：</strong>${formatTime(d.decidedAt)}</p>
  <p class="muted">决定编号 ${d.id}${d.supersedes ? `，取代 ${d.supersedes}` : ""}</p>
</div>`;
}

export function reviewStatusView(principal: Principal, review: StoredReviewResponse): Html {
  const e = review.escalation;
  const final = review.finalDecision;
  const finalText = final?.decision === "redact" ? final.redactedText : review.decision === "redact" ? review.redactedText : null;
  return layout({
    title: "审查结果",
    principal,
    script: "status.js",
    body: html`<h1>审查结果</h1>
<p class="muted">审查编号 ${review.id}　提交时间 ${formatTime(review.createdAt)}${review.source ? html`　来源 ${review.source}` : ""}</p>
${decisionBanner(review.decision)}
${
  e
    ? html`<section class="card" id="case-status">
  <h2>保密审查状态：<span class="status status-${e.status}">${STATUS_LABELS[e.status]}</span></h2>
  <p>办理期限：${deadlineCell({ ...e })}</p>
  ${e.claimedBy ? html`<p>认领人：${e.claimedBy.name}（${formatTime(e.claimedAt ?? "")}）</p>` : ""}
  ${final ? decisionBlock(final, true) : html`<p>保密审查人员尚未作出决定。</p>`}
</section>`
    : ""
}
${
  finalText
    ? html`<section class="card"><h2>${final ? "最终脱敏文本" : "脱敏后文本"}</h2><textarea id="redacted" rows="10" readonly>${finalText}</textarea>
<div class="row actions"><button type="button" id="copy" class="primary">复制脱敏文本</button><span id="copy-status" role="status" aria-live="polite"></span></div></section>`
    : ""
}
<section class="card"><h2>发现项（${review.findings.length}）</h2>
<table><thead><tr><th>类别</th><th>内容</th><th>处理</th><th>理由</th></tr></thead><tbody>
${review.findings.map(
  (f) => html`<tr><td><span class="chip cat-${f.category}">${categoryLabel(f.category)}</span></td><td>${f.text || "（不在此显示，仅保密审查人员可查阅原文）"}</td><td>${ACTION_LABELS[f.action]}</td><td>${f.reason}</td></tr>`,
)}
</tbody></table></section>`,
  });
}

export function queueView(principal: Principal, items: EscalationView[], tab: "open" | "decided"): Html {
  return layout({
    title: "保密审查队列",
    principal,
    wide: true,
    body: html`<h1>保密审查队列</h1>
<nav class="tabs" aria-label="筛选">
  <a href="/officer" ${tab === "open" ? html`aria-current="page"` : ""}>未决（待审、审查中）</a>
  <a href="/officer?status=decided" ${tab === "decided" ? html`aria-current="page"` : ""}>已决定</a>
</nav>
${
  items.length === 0
    ? html`<p class="card">没有${tab === "open" ? "待办" : "已决定"}的案件。</p>`
    : html`<table class="queue"><thead><tr><th>提交时间</th><th>标题</th><th>提交审定的原因</th><th>办理期限</th><th>状态</th><th>认领人</th><th></th></tr></thead><tbody>
${items.map(
  (e) => html`<tr class="${e.overdue ? "overdue-row" : ""}">
  <td>${formatTime(e.createdAt)}</td>
  <td>${e.title || "（无标题）"}<br><small class="muted">${e.submittedBy.name}${e.source ? ` · ${e.source}` : ""}</small></td>
  <td>${e.categories.map((c) => html`<span class="chip cat-${c}">${categoryLabel(c)}</span> `)}<br><small>${e.topReason ?? ""}</small></td>
  <td>${deadlineCell(e)}</td>
  <td><span class="status status-${e.status}">${STATUS_LABELS[e.status]}</span>${e.decision ? html`<br><small>${FINAL_DECISION_LABELS[e.decision.decision]}</small>` : ""}</td>
  <td>${e.claimedBy?.name ?? "—"}</td>
  <td><a href="/officer/cases/${e.id}">查看</a></td>
</tr>`,
)}
</tbody></table>`
}`,
  });
}

export function caseView(principal: Principal, view: CaseView): Html {
  const e = view.escalation;
  const current = e.decision;
  const draft = view.draft;
  const mine = e.claimedBy?.id === principal.id;
  const highlights = view.findings.map((f) => ({ start: f.start, end: f.end, category: f.category, action: f.action }));
  return layout({
    title: "案件",
    principal,
    script: "case.js",
    wide: true,
    body: html`<h1>${e.title || "（无标题）"}</h1>
<div class="case-head card" data-case="${e.id}" data-length="${draft?.text.length ?? 0}" data-current="${current?.id ?? ""}">
  <p><strong>状态：</strong><span class="status status-${e.status}" id="case-state">${STATUS_LABELS[e.status]}</span>
  ${e.claimedBy ? html`　<strong>认领人：</strong>${e.claimedBy.name}` : ""}</p>
  <p><strong>办理期限：</strong>${deadlineCell(e)}</p>
  <p><strong>提交人：</strong>${e.submittedBy.name}${e.submittedBy.username ? `（${e.submittedBy.username}）` : ""}　<strong>来源：</strong>${e.source ?? "—"}　<strong>提交时间：</strong>${formatTime(e.createdAt)}　<strong>审查编号：</strong>${e.reviewId}</p>
  ${e.status === "pending" ? html`<button type="button" id="claim" class="primary">认领此案件</button>` : ""}
  <p id="case-message" role="status" aria-live="polite"></p>
</div>
<div class="panes">
  <div class="pane"><h2>文稿</h2>
  ${
    draft
      ? html`<div id="case-draft" class="draft-view" tabindex="0">${splitRuns(draft.text.length, highlights).map((run) => {
          const text = draft.text.slice(run.start, run.end);
          if (run.cover.length === 0) return html`<span data-start="${run.start}">${text}</span>`;
          const inner = highlights[run.cover[0]!]!;
          const escalated = run.cover.some((i) => highlights[i]!.action === "escalate");
          return html`<mark class="hl cat-${inner.category} ${escalated ? "in-escalation" : ""}" data-start="${run.start}" data-findings="${run.cover.join(" ")}" ${
            run.first.length ? html`data-first="${run.first.join(" ")}"` : ""
          }>${text}</mark>`;
        })}</div>`
      : html`<p class="notice">文稿已于 ${formatTime(e.draftDestroyedAt ?? "")} 按保存期限销毁，审计记录保留其哈希。</p>`
  }
  </div>
  <aside class="pane"><h2>发现项（${view.findings.length}）</h2>
  <ol class="finding-list">
  ${view.findings.map(
    (f, i) => html`<li class="finding ${f.action}">
      <a href="#" class="jump" data-finding="${i}"><span class="chip cat-${f.category}">${categoryLabel(f.category)}</span> ${ACTION_LABELS[f.action]}</a>
      <p class="value">${f.text.length > 80 ? f.text.slice(0, 80) + "…" : f.text}</p>
      <p>${f.reason}</p>
      <p class="basis">${f.basis}</p>
      ${draft ? html`<button type="button" class="link add-finding-span" data-start="${f.start}" data-end="${f.end}">加入脱敏范围</button>` : ""}
      <details><summary>判断依据</summary><ul>
        <li>规则：${f.rule}</li>
        ${f.explanation.validator ? html`<li>校验：${f.explanation.validator}</li>` : ""}
        ${f.explanation.context.length ? html`<li>语境词：${f.explanation.context.map((h) => h.word).join("、")}</li>` : ""}
        ${f.explanation.notes.map((n) => html`<li>${n}</li>`)}
        <li>置信度：${f.explanation.finalScore.toFixed(2)}</li>
      </ul></details>
    </li>`,
  )}
  </ol></aside>
</div>
${current ? html`<section class="card"><h2>现行决定</h2>${decisionBlock(current, true)}</section>` : ""}
${
  (e.status !== "decided" && (e.status === "pending" || mine)) || e.status === "decided"
    ? html`<section class="card" id="decide">
  <h2>${current ? "变更决定（新决定取代现行决定，两者都保留在记录中）" : "作出决定"}</h2>
  <form id="decision-form" novalidate>
    <fieldset><legend>决定</legend>
      ${(["publish", "redact", "withhold"] as const).map(
        (d) => html`<label class="radio"><input type="radio" name="decision" value="${d}" ${d === "withhold" ? "" : ""}> ${FINAL_DECISION_LABELS[d]}</label>`,
      )}
    </fieldset>
    <div id="ground-field" class="field">
      <label for="ground">不予公开的理由类别（《政府信息公开条例》，不予公开时必选）</label>
      <select id="ground" name="ground"><option value="">请选择</option>
        ${Object.entries(WITHHOLD_GROUNDS).map(([key, g]) => html`<option value="${key}" title="${g.basis}">${g.label}</option>`)}
      </select>
    </div>
    <div id="spans-field" class="field">
      <p>脱敏后公开时，可在上方文稿中选中文字后点击：<button type="button" id="add-span" ${draft ? "" : "disabled"}>把选中内容加入脱敏范围</button></p>
      <ul id="span-list" class="span-list"></ul>
    </div>
    <label for="reason">决定理由（必填）</label>
    <textarea id="reason" name="reason" rows="3" required></textarea>
    <button type="submit" class="primary">提交决定</button>
  </form>
</section>`
    : html`<p class="card">该案件已由 ${e.claimedBy?.name ?? ""} 认领，只有认领人可以作出决定。</p>`
}
${
  view.decisions.length > 1
    ? html`<section class="card"><h2>全部决定</h2>${view.decisions.map((d) => decisionBlock(d, d.id === current?.id))}</section>`
    : ""
}
<section class="card"><h2>案件历史</h2>
<table><thead><tr><th>时间</th><th>事项</th><th>操作人</th><th>说明</th><th>审计序号</th></tr></thead><tbody>
${view.history.map((h) => html`<tr><td>${formatTime(h.at)}</td><td>${h.label}</td><td>${h.actor.name}</td><td>${h.detail ?? ""}</td><td>${h.seq}</td></tr>`)}
</tbody></table></section>`,
  });
}

export function adminView(principal: Principal, users: UserView[], falseAlarms: { rule: string; category: string; count: number }[]): Html {
  return layout({
    title: "用户管理",
    principal,
    script: "admin.js",
    body: html`<h1>用户管理</h1>
<section class="card"><h2>新建用户</h2>
<form id="user-form" novalidate>
  <div class="row">
    <div class="field"><label for="new-username">用户名</label><input id="new-username" name="username" autocomplete="off" required></div>
    <div class="field"><label for="new-display">姓名</label><input id="new-display" name="displayName"></div>
    <div class="field"><label for="new-role">角色</label><select id="new-role" name="role">
      <option value="editor">编辑</option><option value="officer">保密审查人员</option><option value="admin">管理员</option></select></div>
  </div>
  <label for="new-password">初始密码（至少 10 个字符，含字母、数字、符号中的两类）</label>
  <input id="new-password" name="password" type="password" autocomplete="new-password" required>
  <div class="row actions"><button type="submit" class="primary">创建用户</button><span id="user-status" role="status" aria-live="polite"></span></div>
</form></section>
<section class="card"><h2>用户（${users.length}）</h2>
<table><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>创建时间</th><th>状态</th><th></th></tr></thead><tbody>
${users.map(
  (u) => html`<tr><td>${u.username}</td><td>${u.displayName}</td><td>${ROLE_LABELS[u.role]}</td><td>${formatTime(u.createdAt)}</td>
  <td>${u.disabledAt ? `已停用（${formatTime(u.disabledAt)}）` : "正常"}</td>
  <td>${u.disabledAt || u.id === principal.id ? "" : html`<button type="button" class="disable" data-user="${u.id}" data-name="${u.username}">停用</button>`}</td></tr>`,
)}
</tbody></table></section>
<section class="card"><h2>误报统计（按规则）</h2>
${
  falseAlarms.length === 0
    ? html`<p>尚无误报标记。</p>`
    : html`<table><thead><tr><th>规则</th><th>类别</th><th>次数</th></tr></thead><tbody>
${falseAlarms.map((f) => html`<tr><td>${f.rule}</td><td>${categoryLabel(f.category)}</td><td>${f.count}</td></tr>`)}</tbody></table>`
}</section>
<section class="card"><h2>审计链</h2><button type="button" id="verify">校验审计链</button><p id="verify-result" role="status" aria-live="polite"></p></section>`,
  });
}

export { DECISION_LABELS };
