import t from 'tap';
import { dueAfterWorkingDays, dueAtFor } from '../src/rules/due-time.ts';

const dueIso = (from: string, workingDays: number) => dueAfterWorkingDays(new Date(from), workingDays).at.toISOString();

t.test('an ordinary week: Mon–Fri, due 18:00 China time', async (t) => {
  // 2026-11-20 is a Friday. 10:00 CST = 02:00Z.
  t.equal(dueIso('2026-11-20T02:00:00Z', 1), '2026-11-23T10:00:00.000Z', 'Friday → Monday 18:00 CST');
  t.equal(dueIso('2026-11-21T02:00:00Z', 1), '2026-11-23T10:00:00.000Z', 'Saturday → Monday');
  t.equal(dueIso('2026-11-23T01:00:00Z', 1), '2026-11-24T10:00:00.000Z', 'Monday 09:00 → Tuesday');
  // 23:30Z on Sunday is already Monday 07:30 in China.
  t.equal(dueIso('2026-11-22T23:30:00Z', 1), '2026-11-24T10:00:00.000Z', 'the day is China’s');
  t.equal(dueAtFor('warm', new Date('2026-11-20T02:00:00Z')).at.toISOString(), '2026-11-25T10:00:00.000Z', 'warm: 3 working days');
  t.equal(dueAtFor('cold', new Date('2026-11-20T02:00:00Z')).at.toISOString(), '2026-11-27T10:00:00.000Z', 'cold: 5 working days');
  t.same(dueAtFor('cold', new Date('2026-11-20T02:00:00Z')).fallbackYears, [], 'a year with data falls back on nothing');
});

t.test('国庆: a due date across the holiday lands on the next working day', async (t) => {
  // 2025: 10-01..10-08 off; the Tuesday before is a working day.
  t.same(dueAtFor('hot', new Date('2025-09-30T02:00:00Z')), { at: new Date('2025-10-09T10:00:00Z'), fallbackYears: [] }, 'hot on 09-30 → 10-09 18:00 CST');
  t.equal(dueAtFor('warm', new Date('2025-09-30T02:00:00Z')).at.toISOString(), '2025-10-11T10:00:00.000Z', 'warm: 10-09, 10-10, then make-up Saturday 10-11');
  t.equal(dueIso('2026-09-30T02:00:00Z', 1), '2026-10-08T10:00:00.000Z', '2026: 10-01..10-07 off → Thursday 10-08');
});

t.test('春节 and make-up working days', async (t) => {
  // 2024-02-04 (Sunday) was a make-up working day before 春节 (02-10..02-17), 2024-02-18 (Sunday) after it.
  t.equal(dueIso('2024-02-03T02:00:00Z', 1), '2024-02-04T10:00:00.000Z', 'Saturday → make-up Sunday 02-04');
  t.equal(dueIso('2024-02-09T02:00:00Z', 1), '2024-02-18T10:00:00.000Z', 'the eve of 春节 → make-up Sunday 02-18');
  t.equal(dueIso('2025-09-26T02:00:00Z', 1), '2025-09-28T10:00:00.000Z', 'Friday → make-up Sunday 2025-09-28');
  t.equal(dueIso('2025-10-10T02:00:00Z', 1), '2025-10-11T10:00:00.000Z', 'Friday → make-up Saturday 2025-10-11');
});

t.test('a year without holiday data counts Mon–Fri and says so', async (t) => {
  // 2027-01-01 is a Friday; 2027 is not in the data, so its 元旦 is not known to be a holiday.
  t.same(dueAtFor('hot', new Date('2026-12-31T02:00:00Z')), { at: new Date('2027-01-01T10:00:00Z'), fallbackYears: [2027] }, 'Friday 2027-01-01 counts');
  t.same(dueAtFor('warm', new Date('2027-03-05T02:00:00Z')), { at: new Date('2027-03-10T10:00:00Z'), fallbackYears: [2027] }, 'Friday → Wednesday, weekend skipped');
  t.same(dueAtFor('hot', new Date('2026-12-30T02:00:00Z')).fallbackYears, [], 'a due date within 2026 reports nothing');
});
