// Dates and deadlines as the pages show them, in China time. Shared by server views and page scripts.

/** 2026-12-03 17:05 (China time) */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** 2026年12月17日 */
export function formatDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** 剩余 3 个工作日 / 今日到期 / 已超期 2 个工作日 */
export function deadlineText(left: number): string {
  if (left > 0) return `剩余 ${left} 个工作日`;
  if (left === 0) return "今日到期";
  return `已超期 ${-left} 个工作日`;
}
