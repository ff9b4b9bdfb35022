import type { JobLog } from '@leadmatch/jobs';

/** Logs a warning for each year the working calendar has no holiday data for, once per year. */
export function calendarFallbackWarner(): (log: JobLog, years: number[]) => void {
  const warned = new Set<number>();
  return (log, years) => {
    for (const year of years) {
      if (warned.has(year)) continue;
      warned.add(year);
      log.warn(
        { year, fallback: 'monday-to-friday' },
        `working calendar: no China holiday data for ${year} in chinese-days; due dates in ${year} count Monday to Friday as working days`,
      );
    }
  };
}

/** The process's warner: each year without data is logged once per process. */
export const warnCalendarFallback = calendarFallbackWarner();
