import { sql, type RawBuilder } from 'kysely';
import t from 'tap';
import { eventually, inspectQueue, serviceUrl, testDatabase, uniqueName } from '@leadmatch/testing';
import { listening, startService, type RunningService } from '../support/process.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

t.setTimeout(900_000);

const KILLS = 50;
const crm = { authorization: 'Bearer worker-kill-crm-key', 'content-type': 'application/json' };
const admin = { authorization: 'Bearer worker-kill-admin-key', 'content-type': 'application/json' };
const EVENTS = ['lead.matched', 'followup.created', 'followup.due'];
/** Each kill waits for a job of one kind, in turn, so every kind is interrupted again and again. */
const TARGETS = [['match.request-page', 'match.lead'], ['followups.sweep-reminders'], ['webhooks.deliver']];
/** How many of its turns each kind must at least have been caught running. */
const HITS_PER_KIND = 5;

function lead(i: number) {
  return {
    externalId: `KILL-${i}`,
    company: { name: `进程故障测试公司${i}` },
    contact: { name: '测试', phone: '13800000000' },
    industry: i % 2 ? '人工智能' : '植入式医疗器械',
    uses: [i % 2 ? 'office' : 'production'],
    regions: ['苏州'],
  };
}

t.test(`SIGKILL a worker ${KILLS} times while match, reminder sweep and webhook jobs run: nothing is lost or done twice`, async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  const database = await testDatabase(t);
  if (!redisUrl || !database.url) return;
  const prefix = uniqueName('faults-kill');
  const queues = Object.fromEntries(['match', 'followups', 'webhooks', 'maintenance'].map((name) => [name, inspectQueue(t, redisUrl, prefix, name)]));
  const receiver = await startReceiver(t, { answerAfterMs: 300 });
  const env = {
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    API_KEYS: 'crm:worker-kill-crm-key,admin:worker-kill-admin-key',
    JOB_LOCK_MS: '1000',
    LOG_LEVEL: 'warn',
  };
  const api = await startService(t, 'services/api/src/server.ts', { ...env, LOG_LEVEL: 'info' });
  const url = await listening(api);
  const call = async (path: string, headers: Record<string, string>, body: unknown) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    t.equal(response.status, 201, `POST ${path}`);
    return (await response.json()) as { id: string };
  };
  await call('/v1/webhook-subscriptions', admin, { url: `${receiver.url}/hooks`, secret: 'worker-kill-secret-0001', events: EVENTS });
  await call('/v1/staff', admin, { name: '招商专员甲', role: 'officer', active: true });

  const leadIds: string[] = [];
  const manualTaskIds: string[] = [];
  /** New work for the next worker: leads to match (then follow-ups and webhooks), and a task due now (a reminder). */
  const addWork = async (i: number) => {
    for (const n of [0, 1, 2]) leadIds.push((await call('/v1/leads', crm, lead(i * 3 + n))).id);
    const task = await call(`/v1/leads/${leadIds[i]}/follow-ups`, admin, { kind: 'manual', dueAt: new Date().toISOString() });
    manualTaskIds.push(task.id);
  };
  const workQueues = [queues.match!, queues.followups!, queues.webhooks!];
  const activeJobs = async () => (await Promise.all(workQueues.map((queue) => queue.getActiveCount()))).reduce((sum, n) => sum + n, 0);
  const activeJobsOf = async () => (await Promise.all(workQueues.map((queue) => queue.getJobs(['active'])))).flat();
  /** Ids of every job that was running when a worker was killed. */
  const killed = new Set<string>();
  /**
   * The moment to kill: a job of the wanted kind runs, started by this worker (a killed worker's jobs
   * stay active until their lock expires), and no job killed before is running again. Each job is
   * thus interrupted about once, like a deploy would, rather than until BullMQ deems it poison.
   */
  const killMoment = async (since: number, wanted: string[]) => {
    const running = (await activeJobsOf()).filter((job) => (job.processedOn ?? 0) >= since);
    if (running.some((job) => killed.has(job.id!))) return undefined;
    return running.some((job) => wanted.includes(job.name)) ? running.map((job) => job.name) : undefined;
  };

  const killedMidJob = new Map<string, number>();
  let worker: RunningService | undefined;
  for (let i = 0; i < KILLS; i++) {
    await addWork(i);
    const spawned = Date.now();
    worker = await startService(t, 'services/worker/src/main.ts', env);
    const running = await eventually(() => killMoment(spawned, TARGETS[i % TARGETS.length]!), 15_000).catch((): string[] => []);
    const { signal } = await worker.stop('SIGKILL');
    t.equal(signal, 'SIGKILL');
    for (const job of await activeJobsOf()) killed.add(job.id!);
    for (const name of new Set(running)) killedMidJob.set(name, (killedMidJob.get(name) ?? 0) + 1);
  }
  t.comment(`kills with jobs of each type running: ${JSON.stringify(Object.fromEntries(killedMidJob))}`);
  const hits = (names: string[]) => names.reduce((sum, name) => sum + (killedMidJob.get(name) ?? 0), 0);
  for (const names of TARGETS) t.ok(hits(names) >= HITS_PER_KIND, `kills hit ${names.join(' or ')} jobs at least ${HITS_PER_KIND} times`);

  worker = await startService(t, 'services/worker/src/main.ts', { ...env, LOG_LEVEL: 'info' });
  await worker.waitFor(/worker started/, 60_000);
  const { db } = database;
  let lastState: unknown;
  const settled = async () => {
    const { rows } = await sql<{ open: number; unreminded: number; undelivered: number; events: number; deliveries: number }>`
      select
        (select count(*)::int from match_requests where completed_at is null) as open,
        (select count(*)::int from follow_up_tasks where kind = 'manual' and escalation_step < 0) as unreminded,
        (select count(*)::int from webhook_deliveries where status <> 'delivered') as undelivered,
        (select count(*)::int from lead_events where type in ('lead.matched', 'followup.created', 'followup.due')) as events,
        (select count(*)::int from webhook_deliveries) as deliveries`.execute(db);
    const row = rows[0]!;
    const failed = (await Promise.all(workQueues.map((queue) => queue.getJobs(['failed'])))).flat();
    lastState = { ...row, activeJobs: await activeJobs(), failed: failed.map((job) => `${job.name}: ${job.failedReason}`) };
    return row.open === 0 && row.unreminded === 0 && row.undelivered === 0 && row.events === row.deliveries && (await activeJobs()) === 0;
  };
  await eventually(settled, 90_000).catch((error: Error) => {
    throw new Error(`${error.message}; last state ${JSON.stringify(lastState)}`);
  });
  /** Rows that break "at most one" for a grouping; the unique keys make this empty, not just unlikely. */
  const duplicates = async (query: RawBuilder<unknown>) => (await query.execute(db)).rows;
  t.pass('after the last restart every match request, reminder and delivery completed');

  // Besides one request per lead created, the catalog watcher asks for re-matches (the catalog was
  // seeded at the API's start). Whichever of a lead's requests runs first stores its run; the others
  // find the same facts (nothing in the catalog changes after the seed) and record a check instead.
  const { rows: runs } = await sql<{ created: number; requests: number; runs: number; leads_without_run: number; leads_with_two_runs: number }>`
    select
      (select count(*)::int from match_requests where reason = 'created') as created,
      (select count(*)::int from match_requests) as requests,
      (select count(*)::int from match_runs) as runs,
      (select count(*)::int from leads l where not exists (select 1 from match_runs r where r.lead_id = l.id)) as leads_without_run,
      (select count(*)::int from (select lead_id from match_runs group by lead_id having count(*) > 1) twice) as leads_with_two_runs`.execute(db);
  t.equal(runs[0]!.created, leadIds.length, 'one match request for each lead created');
  t.equal(runs[0]!.leads_without_run, 0, 'no lead unmatched');
  t.equal(runs[0]!.leads_with_two_runs, 0, 'every lead stored exactly one run: later requests found the same facts and recorded a check');
  t.ok(runs[0]!.runs <= runs[0]!.requests, 'no request stored more than one run');

  t.same(
    await duplicates(sql`select lead_id, run_id, kind, park_id from follow_up_tasks where run_id is not null group by 1, 2, 3, 4 having count(*) > 1`),
    [],
    'no follow-up task created twice by a run',
  );
  t.same(
    await duplicates(sql`select lead_id, kind, park_id from follow_up_tasks where status = 'open' and run_id is not null group by 1, 2, 3 having count(*) > 1`),
    [],
    'one open rule task per lead, kind and park',
  );
  t.same(
    await duplicates(sql`select task_id from follow_up_history where action = 'reminded' group by 1 having count(*) > 1`),
    [],
    'each due reminder recorded once',
  );
  t.same(
    await duplicates(sql`
      select type, case when type = 'lead.matched' then data->>'runId' else data->>'taskId' end as subject, data->>'step' as step from lead_events
      group by 1, 2, 3 having count(*) > 1`),
    [],
    'each fact is one event: lead.matched per run, followup.created and followup.due per task',
  );
  t.same(
    await duplicates(sql`select subscription_id, event_id from webhook_deliveries group by 1, 2 having count(*) > 1`),
    [],
    'one delivery per subscription and event',
  );

  const idsBySubject = new Map<string, Set<string>>();
  for (const { body } of receiver.received) {
    const subject = `${body.type}/${String(body.type === 'lead.matched' ? body.data.runId : body.data.taskId)}/${String(body.data.step ?? '')}`;
    idsBySubject.set(subject, (idsBySubject.get(subject) ?? new Set()).add(body.id));
  }
  const underTwoIds = [...idsBySubject].filter(([, ids]) => ids.size > 1).map(([subject]) => subject);
  t.same(underTwoIds, [], `no event reached the CRM under two ids (${receiver.received.length} requests, ${idsBySubject.size} events)`);
  const eventIds = new Set(receiver.received.map(({ body }) => body.id));
  t.equal(eventIds.size, (await sql<{ n: number }>`select count(*)::int as n from webhook_deliveries`.execute(db)).rows[0]!.n, 'the CRM got every event');
  t.equal(manualTaskIds.length, KILLS);

  for (const [name, queue] of Object.entries(queues)) t.equal(await queue.getFailedCount(), 0, `no ${name} job failed`);
  const stopped = await worker.stop('SIGTERM');
  t.same(stopped, { code: 0, signal: null }, `the last worker stops cleanly\n${worker.output.slice(-15).join('\n')}`);
  t.equal((await api.stop('SIGTERM')).code, 0);
});
