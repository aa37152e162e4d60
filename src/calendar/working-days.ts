// Deadlines in working days (工作日), as 《政府信息公开条例》 counts them: weekends and public
// holidays do not count, 调休 make-up weekends do. Pure date-string arithmetic in China time
// (UTC+8, no daylight saving), so neither the machine's time zone nor the runtime matters.
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** calendar/working-days.json (or the file MISHEN_CALENDAR_FILE names). */
export const calendarFileSchema = z.object({
  note: z.string().optional(),
  source: z.string().optional(),
  /** Years whose arrangement is known; other years count Monday to Friday (provisional). */
  years: z.array(z.number().int()),
  holidays: z.record(isoDate, z.string()),
  workdays: z.record(isoDate, z.string()),
});
export type CalendarFile = z.infer<typeof calendarFileSchema>;

export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** False for a year whose holiday arrangement is not in the table. */
  knows(date: string): boolean;
}

export function createWorkCalendar(file: CalendarFile): WorkCalendar {
  const years = new Set(file.years);
  return {
    isWorkday(date) {
      if (Object.hasOwn(file.workdays, date)) return true;
      if (Object.hasOwn(file.holidays, date)) return false;
      const weekday = dayOfWeek(date);
      return weekday >= 1 && weekday <= 5;
    },
    knows: (date) => years.has(Number(date.slice(0, 4))),
  };
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar date in China (YYYY-MM-DD) at an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function dayOfWeek(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export interface Deadline {
  /** YYYY-MM-DD */
  date: string;
  /** A day of the count fell in a year the calendar does not know. */
  provisional: boolean;
}

/** The `workingDays`-th working day after `received` (the day of receipt is not counted). */
export function deadlineAfter(received: string, workingDays: number, calendar: WorkCalendar): Deadline {
  let date = received;
  let provisional = false;
  for (let counted = 0; counted < workingDays; ) {
    date = addDays(date, 1);
    if (!calendar.knows(date)) provisional = true;
    if (calendar.isWorkday(date)) counted++;
  }
  return { date, provisional };
}

/**
 * Working days left on `today` until `deadline`: the working days after today up to and
 * including the deadline (0 on the deadline day itself). Negative when overdue: minus the
 * working days after the deadline up to and including today.
 */
export function workingDaysLeft(today: string, deadline: string, calendar: WorkCalendar): number {
  if (today === deadline) return 0;
  const forward = today < deadline;
  const to = forward ? deadline : today;
  let from = forward ? today : deadline;
  let n = 0;
  // Bounded: a case overdue for ten years is still counted, nothing longer.
  for (let guard = 0; from < to && guard < 3660; guard++) {
    from = addDays(from, 1);
    if (calendar.isWorkday(from)) n++;
  }
  return forward ? n : -n;
}
