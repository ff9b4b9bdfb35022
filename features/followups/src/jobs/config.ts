import type { Priority } from '../rules/priority.ts';
import { defaultFollowUpTiming, type FollowUpTiming } from './reminder-schedule.ts';

/** Follow-up settings of a worker; tests shorten the clock with milliseconds. */
export interface FollowUpConfig {
  /** Reminder steps relative to the due time; defaults: at due, +1 day, +3 days. */
  timing?: Partial<FollowUpTiming> | undefined;
  /** Due time of rule-created tasks; defaults to the working-day rule of due-time.ts. */
  dueAt?: ((priority: Priority, now: Date) => Date) | undefined;
}

export function followUpTiming(config: FollowUpConfig | undefined): FollowUpTiming {
  return { ...defaultFollowUpTiming, ...config?.timing };
}
