import type { Priority } from './priority.ts';
import { chinaWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';

/**
 * Due times: hot 1 working day, warm 3, cold 5, on China's working calendar (working-calendar.ts) in
 * China Standard Time (Asia/Shanghai, UTC+08:00, no daylight saving). A task is due at 18:00 China
 * time on the Nth working day after the day of `from`: a hot lead matched on Friday is due Monday
 * 18:00, one matched on 2025-09-30, before the 国庆 holiday (10-01..10-08), is due 2025-10-09 18:00,
 * and a make-up Saturday counts. A year without holiday data counts Monday to Friday; the due time
 * names such years so that the caller can log the fallback. Pure: no I/O, no clock of its own.
 */

export const DUE_WORKING_DAYS: Record<Priority, number> = { hot: 1, warm: 3, cold: 5 };

export interface DueTime {
  at: Date;
  /** Years counted Monday to Friday as the calendar has no holiday data for them. */
  fallbackYears: number[];
}

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DUE_HOUR_CST = 18;

/** 18:00 China time on the `workingDays`-th working day after the China-time day of `from`. */
export function dueAfterWorkingDays(from: Date, workingDays: number, calendar: WorkingCalendar = chinaWorkingCalendar): DueTime {
  let day = Math.floor((from.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS;
  const fallbackYears = new Set<number>();
  let counted = 0;
  while (counted < workingDays) {
    day += DAY_MS;
    const date = new Date(day);
    if (!calendar.covers(date.getUTCFullYear())) fallbackYears.add(date.getUTCFullYear());
    if (calendar.isWorkingDay(date.toISOString().slice(0, 10))) counted++;
  }
  return { at: new Date(day + DUE_HOUR_CST * 60 * 60 * 1000 - CST_OFFSET_MS), fallbackYears: [...fallbackYears] };
}

/** When a task of a lead of this priority is due. */
export function dueAtFor(priority: Priority, from: Date, calendar: WorkingCalendar = chinaWorkingCalendar): DueTime {
  return dueAfterWorkingDays(from, DUE_WORKING_DAYS[priority], calendar);
}
