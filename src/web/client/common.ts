// Helpers shared by the page scripts: the JSON API with the session's CSRF token, and copying.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

export function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";
}

export interface ApiAnswer<T> {
  ok: boolean;
  status: number;
  data: T;
  /** The Chinese message of an error answer. */
  message: string;
}

export async function api<T = unknown>(method: string, url: string, body?: unknown): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { "X-CSRF-Token": csrfToken() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  } catch {
    return { ok: false, status: 0, data: undefined as T, message: "无法连接服务，请检查网络后重试" };
  }
  if (res.status === 401) {
    location.href = `/login?expired=1&next=${encodeURIComponent(location.pathname)}`;
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    data = undefined;
  }
  const message = (data as { error?: { message?: string } } | undefined)?.error?.message ?? (res.ok ? "" : `请求失败（${res.status}）`);
  return { ok: res.ok, status: res.status, data: data as T, message };
}

/** Copies text to the clipboard; falls back to selecting a textarea for older browsers. */
export async function copyText(text: string, fallback: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    fallback.focus();
    fallback.select();
    return document.execCommand("copy");
  }
}

export function wireCopyButton(button: HTMLButtonElement, source: HTMLTextAreaElement, status: HTMLElement): void {
  button.addEventListener("click", async () => {
    status.textContent = (await copyText(source.value, source)) ? "已复制到剪贴板" : "复制失败，请手动选中文本复制";
  });
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
