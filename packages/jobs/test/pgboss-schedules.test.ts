import { sql } from 'kysely';
import t from 'tap';
import { eventually, testDatabase } from '@leadmatch/testing';
import { PostgresJobQueue, SCHEDULE_TIME_ZONE } from '../src/index.ts';
import { bossQueue } from '../src/pgboss/jobs.ts';
import { sleep, startWorker, work, type WorkHandler } from './support/pgboss-work.ts';
import { bossJobs, bossTable, rawBoss } from './support/pgboss.ts';

/**
 * The pg-boss engine's schedules: every period or by cron in the desks' time zone, one job per period
 * however many workers boot, and ticks that queue the coming runs without counting as jobs.
 */

t.test('a schedule fires every period', async (t) => {
  const { db } = await testDatabase(t);
  const seen: number[] = [];
  await new PostgresJobQueue(db).schedule('tick', work, { n: 9 }, { everyMs: 1000 });
  await startWorker(t, db, async ({ n }) => void seen.push(n)).start();
  await eventually(() => seen.length >= 2);
  t.same(seen.slice(0, 2), [9, 9]);
});

t.test('two workers on one database turn each period of a schedule into one job', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  const other = new PostgresJobQueue(db);
  await Promise.all([
    queue.schedule('purge', work, { n: 1 }, { everyMs: 1000 }),
    other.schedule('purge', work, { n: 1 }, { everyMs: 1000 }),
  ]);
  const schedules = await sql<{ name: string; cron: string }>`select name, cron from ${await bossTable(db, 'schedule')}`.execute(db);
  t.same(schedules.rows, [{ name: bossQueue(work), cron: '* * * * *' }], 'one schedule');
  const runs = (await bossJobs(db, work)).map((row) => row.start_after.getTime());
  t.equal(new Set(runs).size, runs.length, 'one job per period, however many boots put it there');
  t.ok(runs.every((at) => at % 1000 === 0), 'at multiples of the period');

  const ran: string[] = [];
  const handler: WorkHandler = async (_payload, ctx) => void ran.push(ctx.jobId);
  await Promise.all([startWorker(t, db, handler).start(), startWorker(t, db, handler).start()]);
  await sleep(3500);
  t.ok(ran.length >= 3, `ran each period (${ran.length} runs)`);
  t.equal(new Set(ran).size, ran.length, 'no period ran twice');
});

t.test('a tick of an every-period schedule queues the coming runs', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.schedule('hourly', work, { n: 5 }, { everyMs: 60 * 60_000 });
  await sql`delete from ${await bossTable(db, 'job')}`.execute(db);
  const schedule = (await sql<{ options: { singletonKey: string } }>`select options from ${await bossTable(db, 'schedule')}`.execute(db)).rows[0]!;
  t.equal(schedule.options.singletonKey, 'every:3600000', 'the schedule sends ticks');
  await (await rawBoss(db)).send(bossQueue(work), { n: 5 }, { singletonKey: schedule.options.singletonKey });
  await sql`update ${await bossTable(db, 'job')} set start_after = now() - interval '1 second'`.execute(db);
  let ran = false;
  await startWorker(t, db, async () => {
    ran = true;
  }).start();
  await eventually(async () => (await bossJobs(db, work)).some((row) => row.singleton_key !== null && row.state === 'completed'));
  const runs = (await bossJobs(db, work)).filter((row) => row.singleton_key === null);
  t.notOk(ran, 'a tick runs no handler');
  t.ok(runs.length <= 1 && runs.every((row) => row.start_after.getTime() % 3_600_000 === 0), 'the run of the coming two minutes, if the hour turns in them');
  t.same(await queue.counts(['test']), { test: { waiting: 0, active: 0, delayed: runs.length, failed: 0, completed: 0 } }, 'ticks do not count as jobs');
});

t.test('a cron schedule is kept in pg-boss in the desks’ time zone, one per job type', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.schedule('often', work, { n: 1 }, { everyMs: 60_000 });
  await queue.schedule('nightly', work, { n: 2 }, { pattern: '0 3 * * *' });
  const { rows } = await sql<{ name: string; cron: string; timezone: string; data: unknown; options: object }>`
    select name, cron, timezone, data, options from ${await bossTable(db, 'schedule')}`.execute(db);
  t.match(rows, [{ name: 'test/test.work', cron: '0 3 * * *', timezone: SCHEDULE_TIME_ZONE, data: { n: 2 }, options: { retryLimit: 2, retryDelay: 1 } }]);
  t.notOk('singletonKey' in rows[0]!.options, 'its jobs are runs, not ticks');
  await t.rejects(queue.schedule('bad', work, { n: 1 }, { pattern: 'not a pattern' }));
  await t.rejects(queue.schedule('fast', work, { n: 1 }, { everyMs: 100 }), /at most once a second/);
});
