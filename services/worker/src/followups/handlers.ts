import { followUpReminder, sweepFollowUpReminders, type JobHandlers } from '@leadmatch/jobs';
import type { HandlerDependencies } from '../handlers.ts';
import { followUpTiming } from './config.ts';
import { runReminderStep, sweepReminders } from './reminders.ts';

/** Binds the follow-up job types to their handlers. */
export function registerFollowUpHandlers(handlers: JobHandlers, deps: HandlerDependencies): JobHandlers {
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
