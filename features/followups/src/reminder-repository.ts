import type { Executor } from '@leadmatch/db';
import { toTask, type FollowUpTask } from './repository.ts';

/**
 * Open tasks whose next reminder is due at `now`, soonest first, locked for the caller's transaction.
 * Tasks another transaction holds are skipped: that sweep sends their reminders, so none is sent twice.
 */
export async function lockDueReminders(trx: Executor, now: Date, limit: number): Promise<FollowUpTask[]> {
  const rows = await trx
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('next_reminder_at', '<=', now)
    .where('status', '=', 'open')
    .orderBy('next_reminder_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toTask);
}
