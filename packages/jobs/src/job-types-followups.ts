import type { JobType } from './job-type.ts';

/** Follow-up reminders and escalation. */
export const followUpJobTypes: readonly JobType[] = [];
