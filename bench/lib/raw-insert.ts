import pg from 'pg';
import { timeBar } from '@leadmatch/progress';
import { leadBodyGenerator, leadRowValues, type LeadRowValues } from './lead-bodies.ts';
import { round, summarizeLatencies } from './stats.ts';

export interface RawInsertFigures {
  connections: number;
  seconds: number;
  inserts: number;
  insertsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

/** A scratch table shaped like `leads` (migrations 0500, 0700 and 1010): same columns and indexes. */
const CREATE_TABLE = `
  create table bench_raw_insert (
    id uuid primary key default gen_random_uuid(),
    owner_key text not null,
    external_id text,
    status text not null default 'pending' check (status in ('pending', 'matched', 'failed', 'erased')),
    company_name text, company_key text, credit_code text,
    contact_name_sealed text, contact_phone_sealed text, contact_email_sealed text, contact_phone_hash text,
    industry text not null,
    uses text[] not null,
    land_m2 double precision, building_m2 double precision, building_tenure text,
    annual_tax_wan double precision, investment_wan double precision, employees integer,
    regions text[] not null default '{}',
    policy_interests text[] not null default '{}',
    notes_sealed text,
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now(),
    erased_at timestamptz(3),
    status_reason text,
    constraint bench_raw_insert_owner_external_id_key unique (owner_key, external_id)
  );
  create index bench_raw_insert_updated_at_id_idx on bench_raw_insert (updated_at, id);
  create index bench_raw_insert_owner_updated_at_id_idx on bench_raw_insert (owner_key, updated_at, id);
  -- The dedup indexes, not unique here: the rows cycle through a pool, so companies repeat.
  create index bench_raw_insert_credit_code_idx on bench_raw_insert (owner_key, credit_code)
    where credit_code is not null and erased_at is null;
  create index bench_raw_insert_company_phone_idx on bench_raw_insert (owner_key, company_key, contact_phone_hash)
    where company_key is not null and contact_phone_hash is not null and erased_at is null;`;

const COLUMNS: (keyof LeadRowValues)[] = [
  'owner_key', 'external_id', 'company_name', 'company_key', 'credit_code', 'contact_name_sealed', 'contact_phone_sealed',
  'contact_email_sealed', 'contact_phone_hash', 'industry', 'uses',
  'land_m2', 'building_m2', 'building_tenure', 'annual_tax_wan', 'investment_wan', 'employees', 'regions', 'policy_interests', 'notes_sealed',
];
const EXTERNAL_ID = COLUMNS.indexOf('external_id');
const INSERT = `insert into bench_raw_insert (${COLUMNS.join(', ')}) values (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

const POOL_SIZE = 4096;

/**
 * Raw single-row INSERT throughput of the same Postgres: `connections` clients, each inserting one
 * realistic lead row per statement (autocommit) as fast as it can, for `seconds` after `warmupSeconds`.
 * A third of the rows carry an external id, as the CRM's do.
 */
export async function measureRawInsert(
  databaseUrl: string,
  ownerKey: string,
  connections: number,
  seconds: number,
  warmupSeconds: number,
): Promise<RawInsertFigures> {
  const next = leadBodyGenerator(7);
  const rows = Array.from({ length: POOL_SIZE }, () => {
    const values = leadRowValues(ownerKey, next());
    return COLUMNS.map((column) => values[column]);
  });
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: databaseUrl }));
  let sequence = 0;
  const paramsFor = () => {
    sequence += 1;
    const row = [...rows[sequence % POOL_SIZE]!];
    row[EXTERNAL_ID] = sequence % 3 === 0 ? `RAW-${sequence}` : null;
    return row;
  };
  const insertFor = async (durationS: number, latencies: number[] | undefined) => {
    const deadline = performance.now() + durationS * 1000;
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const started = performance.now();
          await client.query(INSERT, paramsFor());
          latencies?.push(performance.now() - started);
        }
      }),
    );
  };

  try {
    await Promise.all(clients.map((client) => client.connect()));
    await clients[0]!.query(CREATE_TABLE);
    await insertFor(warmupSeconds, undefined);
    const latencies: number[] = [];
    const bar = timeBar('raw INSERT', seconds);
    const started = performance.now();
    try {
      await insertFor(seconds, latencies);
    } finally {
      bar.stop();
    }
    const elapsed = (performance.now() - started) / 1000;
    const { p50Ms, p99Ms } = summarizeLatencies(latencies);
    return { connections, seconds: round(elapsed), inserts: latencies.length, insertsPerSec: round(latencies.length / elapsed, 1), p50Ms, p99Ms };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
  }
}
