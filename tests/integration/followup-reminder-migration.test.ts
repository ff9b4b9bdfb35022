import { sql } from 'kysely';
import t from 'tap';
import { migrateToLatest, migrator } from '@leadmatch/db';
import { testDatabase } from '@leadmatch/testing';

const BEFORE_THE_INDEX = '2026-12-05T2200_pg-boss-replaces-job-tables';
const DAY_MS = 86_400_000;

t.test('upgrading puts the pending reminders of open tasks into the due-time index', async (t) => {
  const { db } = await testDatabase(t);
  const down = await (await migrator(db)).migrateTo(BEFORE_THE_INDEX);
  t.equal(down.error, undefined, 'down to the job-per-reminder schema');
  const { rows } = await sql<{ id: string }>`insert into leads (owner_key, industry, uses) values ('crm', '测试', '{office}') returning id`.execute(db);
  const dueAt = new Date('2026-12-01T10:00:00Z');
  const task = async (status: string, escalationStep: number) => {
    const inserted = await sql<{ id: string }>`
      insert into follow_up_tasks (lead_id, kind, status, due_at, escalation_step, due_version, reminder_scheduled_version)
      values (${rows[0]!.id}, 'manual', ${status}, ${dueAt}, ${escalationStep}, 2, 2) returning id`.execute(db);
    return inserted.rows[0]!.id;
  };
  const tasks = { none: await task('open', -1), due: await task('open', 0), supervisor: await task('open', 1), last: await task('open', 2), done: await task('done', -1) };

  t.ok((await migrateToLatest(db)).every((result) => result.status === 'Success'), 'up again');
  const next = async (id: string) =>
    (await db.selectFrom('follow_up_tasks').select('next_reminder_at').where('id', '=', id).executeTakeFirstOrThrow()).next_reminder_at?.getTime() ?? null;
  t.equal(await next(tasks.none), dueAt.getTime(), 'no step sent: the due reminder, at the due time');
  t.equal(await next(tasks.due), dueAt.getTime() + DAY_MS, 'reminded: the supervisor a day after due');
  t.equal(await next(tasks.supervisor), dueAt.getTime() + 3 * DAY_MS, 'supervisor told: reassignment three days after due');
  t.equal(await next(tasks.last), null, 'every step sent: nothing');
  t.equal(await next(tasks.done), null, 'a closed task: nothing');
});
