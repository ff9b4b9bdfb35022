import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import t from 'tap';
import { chinaWorkingCalendar as calendar } from '../src/rules/working-calendar.ts';

const FIRST_YEAR = 2004;
const LAST_YEAR = 2026;

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
/** The make-up working days of a year, from the package's own data: weekend days declared working days. */
const makeUpDaysOf = (year: number) => Object.keys(chineseDays.workdays).filter((date) => date.startsWith(`${year}-`) && isWeekend(date));

for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
  t.test(`${year}: National Day is a holiday, make-up days are working days`, async (t) => {
    t.ok(calendar.covers(year), 'the data covers the year');
    t.notOk(calendar.isWorkingDay(`${year}-10-01`), '10-01 is a holiday');
    const makeUpDays = makeUpDaysOf(year);
    t.ok(makeUpDays.length > 0, 'the year has make-up working days');
    for (const date of makeUpDays) t.ok(calendar.isWorkingDay(date), `${date} is a make-up working day`);
  });
}

t.test('known facts cross-check the data', async (t) => {
  for (let day = 1; day <= 7; day++) t.notOk(calendar.isWorkingDay(`2026-10-0${day}`), `2026-10-0${day} is off (国庆 and 中秋)`);
  t.ok(calendar.isWorkingDay('2026-10-08'), '2026-10-08 is back to work');
  t.ok(calendar.isWorkingDay('2025-09-28'), '2025-09-28 (Sunday) was a make-up working day for 国庆');
  t.ok(calendar.isWorkingDay('2025-10-11'), '2025-10-11 (Saturday) was a make-up working day for 国庆');
  t.ok(calendar.isWorkingDay('2024-02-04'), '2024-02-04 (Sunday) was a make-up working day for 春节');
  t.ok(calendar.isWorkingDay('2024-02-18'), '2024-02-18 (Sunday) was a make-up working day for 春节');
  t.notOk(calendar.isWorkingDay('2024-02-12'), '2024-02-12 (Monday) was 春节');
  t.ok(calendar.isWorkingDay('2026-11-20'), 'an ordinary Friday works');
  t.notOk(calendar.isWorkingDay('2026-11-21'), 'an ordinary Saturday does not');
});

t.test('a year without data: Monday to Friday', async (t) => {
  t.notOk(calendar.covers(2027), '2027 is not published in the data');
  t.notOk(calendar.covers(FIRST_YEAR - 1), 'nor is 2003');
  t.ok(calendar.isWorkingDay('2027-01-01'), 'Friday 2027-01-01 counts as a working day');
  t.notOk(calendar.isWorkingDay('2027-01-02'), 'a Saturday does not');
  t.ok(calendar.isWorkingDay('2027-10-01'), 'nor is its National Day known');
});
