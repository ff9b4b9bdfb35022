import type { Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import type { JobLog, JobQueue } from '@leadmatch/jobs';
import type { RunListener } from '@leadmatch/matching';
import { applyFollowUpRules, type FollowUpApplyOutcome } from './apply.ts';
import { followUpTiming, type FollowUpConfig } from './config.ts';
import { cancelFollowUpReminders, scheduleFollowUpReminders } from './reminder-dispatch.ts';

export interface FollowUpRunOptions {
  db: Kysely<Database>;
  /** Where the reminders of the tasks a run creates are scheduled, after the commit; without one the follow-up sweep schedules them. */
  queue?: JobQueue | undefined;
  config?: FollowUpConfig | undefined;
}

/** The follow-up rules, applied to every run a match round records, in its transaction. */
export function followUpRunListener(options: FollowUpRunOptions): RunListener {
  const dueAt = options.config?.dueAt;
  return {
    async onRuns(trx, runs, log) {
      const outcome = await applyFollowUpRules(trx, runs.map((run) => ({ ...run, dueAt })));
      return { events: outcome.events, afterCommit: () => afterCommit(options, outcome, log) };
    },
  };
}

async function afterCommit({ db, queue, config }: FollowUpRunOptions, outcome: FollowUpApplyOutcome, log: JobLog): Promise<void> {
  if (outcome.unassigned) log.warn({ tasks: outcome.unassigned }, 'follow-up tasks left unassigned: no active officer');
  if (!queue) return;
  for (const { taskId, version } of outcome.toCancel) await cancelFollowUpReminders(queue, taskId, version, log);
  await scheduleFollowUpReminders(queue, db, outcome.toSchedule, followUpTiming(config), log);
}
