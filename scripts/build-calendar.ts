// Writes calendar/working-days.json, the dated table of China's public holidays and 调休
// make-up working days that deadlines are counted on, from the chinese-days package (which
// transcribes the State Council's yearly 节假日安排 notices).
//
// chinese-days builds its tables with local-time date arithmetic, which shifts days in time
// zones west of UTC; it is run here under China time and its answers are frozen into plain
// YYYY-MM-DD strings, so the service never depends on the machine's time zone.
//   npx tsx scripts/build-calendar.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.TZ = "Asia/Shanghai";
const FIRST_YEAR = 2020;

const { default: chineseDays } = await import("chinese-days");
const { version } = (await import("chinese-days/package.json", { with: { type: "json" } })).default as { version: string };

const holidays: Record<string, string> = {};
const workdays: Record<string, string> = {};
const years: number[] = [];
for (let year = FIRST_YEAR; ; year++) {
  // A year the package knows has at least its New Year holiday listed.
  if (chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length === 0) break;
  years.push(year);
  for (let day = new Date(year, 0, 1, 12); day.getFullYear() === year; day.setDate(day.getDate() + 1)) {
    const iso = `${year}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
    const detail = chineseDays.getDayDetail(new Date(day));
    const weekend = day.getDay() === 0 || day.getDay() === 6;
    const festival = detail.name.split(",")[1];
    if (!detail.work && festival) holidays[iso] = festival;
    else if (detail.work && weekend) workdays[iso] = `${festival ?? ""}调休上班`;
  }
}

const out = {
  note: "China's public holidays (放假) and make-up working weekends (调休上班), per the State Council's yearly notices. Years not listed are counted Monday to Friday and shown as provisional. Regenerate with scripts/build-calendar.ts, or point MISHEN_CALENDAR_FILE at an edited copy once a new year's arrangement is published.",
  source: `chinese-days ${version}`,
  years,
  holidays,
  workdays,
};
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../calendar/working-days.json");
writeFileSync(file, JSON.stringify(out, null, 1) + "\n");
console.log(`${file}: ${years[0]}–${years.at(-1)}, ${Object.keys(holidays).length} holidays, ${Object.keys(workdays).length} make-up working days`);
