import type { Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { type JobHandlers } from '@leadmatch/jobs';
import { followUpTiming, type FollowUpConfig } from './config.ts';
import { retiredFollowUpReminder, sweepFollowUpReminders } from './job-types.ts';
import { sendDueReminders } from './reminders.ts';

export interface FollowUpJobDependencies {
  db: Kysely<Database>;
  /** The clock the sweep compares due times with. */
  now: () => Date;
  /** Reminder timing and due-time overrides (tests use a shortened clock); production defaults when absent. */
  followUps?: FollowUpConfig | undefined;
}

/** Binds the follow-up job types to their handlers. */
export function registerFollowUpHandlers(handlers: JobHandlers, deps: FollowUpJobDependencies): JobHandlers {
  const { db, now } = deps;
  const timing = followUpTiming(deps.followUps);
  return handlers
    .on(sweepFollowUpReminders, async (_payload, ctx) => {
      const sent = await sendDueReminders(db, timing, now());
      if (sent) ctx.log.info({ sent }, 'follow-up reminders sent');
    })
    .on(retiredFollowUpReminder, async () => {});
}
