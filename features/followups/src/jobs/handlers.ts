import type { Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { type JobHandlers } from '@leadmatch/jobs';
import type { JobQueue } from '@leadmatch/jobs';
import { followUpTiming, type FollowUpConfig } from './config.ts';
import { followUpReminder, sweepFollowUpReminders } from './job-types.ts';
import { runReminderStep, sweepReminders } from './reminders.ts';

export interface FollowUpJobDependencies {
  db: Kysely<Database>;
  queue: JobQueue;
  /** Reminder timing and due-time overrides (tests use a shortened clock); production defaults when absent. */
  followUps?: FollowUpConfig | undefined;
}

/** Binds the follow-up job types to their handlers. */
export function registerFollowUpHandlers(handlers: JobHandlers, deps: FollowUpJobDependencies): JobHandlers {
  const { db, queue } = deps;
  const timing = followUpTiming(deps.followUps);
  return handlers
    .on(followUpReminder, async (payload, ctx) => {
      const outcome = await runReminderStep({ db, queue, timing }, payload);
      ctx.log.info({ taskId: payload.taskId, step: payload.step, outcome }, 'follow-up reminder');
    })
    .on(sweepFollowUpReminders, async (_payload, ctx) => {
      await sweepReminders({ db, queue, timing, log: ctx.log });
    });
}
