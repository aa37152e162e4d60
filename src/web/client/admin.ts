// The admin page: create and disable users, check the audit chain.
import { api, byId } from "./common.js";

const form = byId<HTMLFormElement>("user-form");
const status = byId("user-status");
form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const data = new FormData(form);
  const body: Record<string, string> = {
    username: String(data.get("username") ?? ""),
    password: String(data.get("password") ?? ""),
    role: String(data.get("role") ?? "editor"),
  };
  const displayName = String(data.get("displayName") ?? "").trim();
  if (displayName) body.displayName = displayName;
  const answer = await api("POST", "/v1/users", body);
  if (answer.ok) location.reload();
  else status.textContent = answer.message;
});

for (const button of document.querySelectorAll<HTMLButtonElement>("button.disable")) {
  button.addEventListener("click", async () => {
    if (!confirm(`确定停用用户 ${button.dataset.name}？停用后该用户立即退出登录，且不能再登录。`)) return;
    const answer = await api("POST", `/v1/users/${button.dataset.user}/disable`);
    if (answer.ok) location.reload();
    else status.textContent = answer.message;
  });
}

byId("verify").addEventListener("click", async () => {
  const out = byId("verify-result");
  out.textContent = "正在校验……";
  const answer = await api<{ ok: boolean; events: number; problem: string | null }>("GET", "/v1/audit/verify");
  if (!answer.ok) out.textContent = answer.message;
  else out.textContent = answer.data.ok ? `审计链完整：共 ${answer.data.events} 个事件，逐一校验通过。` : `审计链校验失败：${answer.data.problem}`;
});
