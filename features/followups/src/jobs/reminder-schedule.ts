const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When each reminder step is due, relative to a task's due time. Production uses the defaults; tests
 * pass milliseconds (a shortened clock).
 */
export interface FollowUpTiming {
  /** Step 0, `followup.due`: at the due time. */
  remindAfterDueMs: number;
  /** Step 1, `followup.overdue` to the supervisor: one day after due. */
  supervisorAfterDueMs: number;
  /** Step 2, reassignment to another active officer: three days after due. */
  reassignAfterDueMs: number;
}

export const defaultFollowUpTiming: FollowUpTiming = {
  remindAfterDueMs: 0,
  supervisorAfterDueMs: DAY_MS,
  reassignAfterDueMs: 3 * DAY_MS,
};

export const LAST_REMINDER_STEP = 2;

/** The offset from the due time of each step. */
export function stepOffsetMs(timing: FollowUpTiming, step: number): number {
  return step === 0 ? timing.remindAfterDueMs : step === 1 ? timing.supervisorAfterDueMs : timing.reassignAfterDueMs;
}

/** When a step of a task due at `dueAt` is due; null past the last step. */
export function reminderAt(dueAt: Date, step: number, timing: FollowUpTiming): Date | null {
  return step > LAST_REMINDER_STEP ? null : new Date(dueAt.getTime() + stepOffsetMs(timing, step));
}

export function firstReminderAt(dueAt: Date, timing: FollowUpTiming): Date {
  return new Date(dueAt.getTime() + timing.remindAfterDueMs);
}

/** The reminder state of a task given a new due time: no step done, the first due at its time. */
export function remindersFrom(dueAt: Date, timing: FollowUpTiming): { escalationStep: number; nextReminderAt: Date } {
  return { escalationStep: -1, nextReminderAt: firstReminderAt(dueAt, timing) };
}
