import type { Executor } from '@leadmatch/db';

export interface FollowUpHistoryEntry {
  at: Date;
  action: string;
  actor: string;
  data: Record<string, unknown>;
  /** The service's own note (a reminder step, a rule's reason), kept plain. */
  note: string | null;
  /** The note staff typed, sealed (opened by the API with the key). */
  staffNoteSealed: string | null;
}

export interface NewFollowUpHistoryEntry {
  taskId: string;
  action: string;
  actor: string;
  data?: Record<string, unknown>;
  note?: string | null;
  /** The note staff typed, sealed by the API with the `history_note` field. */
  staffNoteSealed?: string | null;
}

/** Appends history entries in the order given (their `seq`). */
export async function addFollowUpHistories(db: Executor, entries: NewFollowUpHistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('follow_up_history')
    .values(
      entries.map((entry) => ({
        task_id: entry.taskId,
        action: entry.action,
        actor: entry.actor,
        data: JSON.stringify(entry.data ?? {}),
        note: entry.note ?? null,
        note_sealed: entry.staffNoteSealed ?? null,
      })),
    )
    .execute();
}

export async function addFollowUpHistory(
  db: Executor,
  taskId: string,
  entry: Omit<NewFollowUpHistoryEntry, 'taskId'>,
): Promise<void> {
  await addFollowUpHistories(db, [{ taskId, ...entry }]);
}

export async function followUpHistory(db: Executor, taskId: string): Promise<FollowUpHistoryEntry[]> {
  const rows = await db.selectFrom('follow_up_history').selectAll().where('task_id', '=', taskId).orderBy('seq').execute();
  return rows.map((row) => ({
    at: row.at,
    action: row.action,
    actor: row.actor,
    data: row.data as Record<string, unknown>,
    note: row.note,
    staffNoteSealed: row.note_sealed,
  }));
}
