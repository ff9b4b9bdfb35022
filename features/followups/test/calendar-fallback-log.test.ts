import t from 'tap';
import { calendarFallbackWarner } from '../src/jobs/calendar-fallback-log.ts';

t.test('a warning per missing year, once', async (t) => {
  const warnings: [object, string | undefined][] = [];
  const log = { info: () => {}, warn: (obj: object, msg?: string) => void warnings.push([obj, msg]), error: () => {} };
  const warn = calendarFallbackWarner();
  warn(log, []);
  t.same(warnings, [], 'nothing to report, nothing logged');
  warn(log, [2027]);
  warn(log, [2027]);
  warn(log, [2027, 2028]);
  t.same(warnings.map(([obj]) => obj), [{ year: 2027, fallback: 'monday-to-friday' }, { year: 2028, fallback: 'monday-to-friday' }]);
  t.match(warnings[0]![1], /no China holiday data for 2027 in chinese-days; due dates in 2027 count Monday to Friday/);
});
