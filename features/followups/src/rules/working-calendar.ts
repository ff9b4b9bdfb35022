import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** Official public holidays and make-up working days (调休), keyed by China date `YYYY-MM-DD`: the shape of chinese-days.json. */
export interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * China's working calendar, pure: Monday to Friday, except the official public holidays, plus the
 * make-up working days the State Council publishes each year. Dates are China dates, `YYYY-MM-DD`.
 */
export interface WorkingCalendar {
  /** Whether the holidays of `year` are published in the data; a year without them counts Monday to Friday. */
  covers(year: number): boolean;
  isWorkingDay(date: string): boolean;
}

const isMondayToFriday = (date: string) => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

export function workingCalendar(data: HolidayData): WorkingCalendar {
  const years = new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))));
  return {
    covers: (year) => years.has(year),
    isWorkingDay: (date) => Object.hasOwn(data.workdays, date) || (!Object.hasOwn(data.holidays, date) && isMondayToFriday(date)),
  };
}

/** The calendar of the `chinese-days` package (its data ends with the last schedule published; bump the package for a new year). */
export const chinaWorkingCalendar = workingCalendar(chineseDays);
