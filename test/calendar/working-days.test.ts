// Deadlines in working days across China's holidays and 调休 make-up working days.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDate, deadlineAfter, workingDaysLeft } from "../../src/calendar/working-days.js";
import { loadCalendar } from "../../src/runtime/node/services.js";
import { createTestService, DRAFTS, type TestService } from "../support/service.js";
import { escalationListSchema } from "../../src/escalation/schema.js";

const calendar = await loadCalendar();

describe("the 2025 National Day holiday", () => {
  // 国庆节、中秋节 2025: 10月1日至8日放假；9月28日（周日）、10月11日（周六）上班。
  it("knows the holiday and both make-up days", () => {
    expect(calendar.isWorkday("2025-09-28")).toBe(true); // Sunday, 调休上班
    expect(calendar.isWorkday("2025-10-01")).toBe(false);
    expect(calendar.isWorkday("2025-10-08")).toBe(false); // Wednesday, still holiday
    expect(calendar.isWorkday("2025-10-11")).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkday("2025-10-12")).toBe(false);
  });

  it("counts 10 working days from Friday 26 September to Thursday 16 October", () => {
    // 28(日,调休) 29 30 | 10月1–8日放假 | 9 10 11(六,调休) 13 14 15 16
    expect(deadlineAfter("2025-09-26", 10, calendar)).toEqual({ date: "2025-10-16", provisional: false });
    // A plain Monday-to-Friday count would have said 10 October.
    expect(deadlineAfter("2025-09-26", 10, { isWorkday: (d) => ![0, 6].includes(new Date(d).getUTCDay()), knows: () => true }).date).toBe("2025-10-10");
  });

  it("counts working days left, the 调休 Saturday included, and overdue days", () => {
    expect(workingDaysLeft("2025-10-10", "2025-10-16", calendar)).toBe(5); // 11(六) 13 14 15 16
    expect(workingDaysLeft("2025-09-30", "2025-10-16", calendar)).toBe(7);
    expect(workingDaysLeft("2025-10-16", "2025-10-16", calendar)).toBe(0);
    expect(workingDaysLeft("2025-10-20", "2025-10-16", calendar)).toBe(-2); // 17, 20
  });

  it("counts receipt days in China time (UTC+8)", () => {
    expect(chinaDate(new Date("2025-09-25T17:00:00Z"))).toBe("2025-09-26");
    expect(chinaDate(new Date("2025-09-26T15:59:59Z"))).toBe("2025-09-26");
  });

  it("marks a deadline in a year the table does not know as provisional", () => {
    expect(deadlineAfter("2026-12-28", 10, calendar).provisional).toBe(true);
    expect(deadlineAfter("2026-12-01", 10, calendar).provisional).toBe(false);
  });
});

describe("an escalated draft received on 26 September 2025", () => {
  let svc: TestService;
  let clock = Date.parse("2025-09-26T02:00:00.000Z");
  beforeAll(async () => {
    svc = await createTestService({ now: () => new Date(clock) });
  });
  afterAll(() => svc.close());

  it("is due on 16 October, and the queue counts down across the holiday", async () => {
    const res = await svc.review({ text: DRAFTS.marked });
    expect(res.json.escalation).toMatchObject({ deadline: "2025-10-16", workingDays: 10, workingDaysLeft: 10, deadlineProvisional: false });
    clock = Date.parse("2025-10-10T02:00:00.000Z");
    const queue = escalationListSchema.parse((await svc.request("GET", "/v1/escalations")).json);
    expect(queue.items[0]).toMatchObject({ deadline: "2025-10-16", workingDaysLeft: 5, overdue: false });
    clock = Date.parse("2025-10-17T02:00:00.000Z");
    const late = escalationListSchema.parse((await svc.request("GET", "/v1/escalations")).json);
    expect(late.items[0]).toMatchObject({ workingDaysLeft: -1, overdue: true });
  });
});

describe("a configured deadline", () => {
  it("uses the number of working days the service is given", async () => {
    const svc = await createTestService({ now: () => new Date("2025-09-26T02:00:00.000Z"), escalations: { workingDays: 15 } });
    try {
      const res = await svc.review({ text: DRAFTS.marked });
      // 16 Oct + 17 20 21 22 23
      expect(res.json.escalation).toMatchObject({ deadline: "2025-10-23", workingDays: 15 });
    } finally {
      await svc.close();
    }
  });
});
