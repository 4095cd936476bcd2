// Pasted holiday lists: one "2026-12-25 Christmas Day" per line (a tab, comma or spaces after the
// date); blank lines are skipped. Problems are named by line number, so nothing is sent half-read.
export type ParsedHolidays = {
  dates: Array<{ date: string; name: string }>;
  problems: string[];
};

const exists = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

export function parseHolidayLines(text: string): ParsedHolidays {
  const dates: ParsedHolidays['dates'] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\d{4}-\d{2}-\d{2})[\s,;]+(.+)$/.exec(line);
    if (!m) return problems.push(`Line ${i + 1}: write a date (YYYY-MM-DD), then a name.`);
    const [, date, name] = m as unknown as [string, string, string];
    if (!exists(date)) return problems.push(`Line ${i + 1}: ${date} is not a date.`);
    if (seen.has(date)) return problems.push(`Line ${i + 1}: ${date} is listed twice.`);
    seen.add(date);
    dates.push({ date, name: name.trim() });
  });
  return { dates, problems };
}
