import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { catalogVersion, seedCatalog } from '@leadmatch/catalog';
import { migrateToLatest, personalDataFor, type Database } from '@leadmatch/db';
import { markCatalogVersionSeen } from '@leadmatch/matching';
import { createStaffMember } from '@leadmatch/staff';
import { writeNationalCatalog } from '../national-catalog.ts';
import { BENCH_PII_KEY } from './services.ts';
import { round } from './stats.ts';

export interface NationalCatalogInfo {
  parks: number;
  carriers: number;
  policies: number;
  platforms: number;
  facts: number;
  /** Seconds to generate the catalog files, and to load them through the seed path. */
  generateSeconds: number;
  seedSeconds: number;
}

/**
 * Migrates the national schema and loads the synthetic national-scale catalog (bench/national-catalog.ts)
 * through the seed path (`seedCatalog`, as `npm run seed` does), before any service starts on it: the
 * API then finds a catalog and seeds nothing.
 */
export async function loadNationalCatalog(
  db: Kysely<Database>,
  sizes: { parks: number; carriers: number; policies: number } | undefined,
): Promise<NationalCatalogInfo> {
  await migrateToLatest(db);
  const dir = await mkdtemp(join(tmpdir(), 'leadmatch-bench-national-'));
  try {
    const started = performance.now();
    const counts = await writeNationalCatalog(dir, sizes);
    const written = performance.now();
    await seedCatalog(db, dir);
    const seeded = performance.now();
    await markCatalogCaughtUp(db);
    return {
      parks: counts.parks,
      carriers: counts.carriers,
      policies: counts.policies,
      platforms: counts.platforms,
      facts: counts.facts,
      generateSeconds: round((written - started) / 1000),
      seedSeconds: round((seeded - written) / 1000),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Tells the catalog watcher it has seen the catalog as loaded, as in a deployment that has been
 * running a while. Otherwise a fresh worker treats the whole seed as a catalog change 30 s after it
 * and re-matches leads (reason 'catalog') in the middle of what is being measured.
 */
export async function markCatalogCaughtUp(db: Kysely<Database>): Promise<void> {
  await markCatalogVersionSeen(db, await catalogVersion(db));
}

/** Desk officers, so follow-up tasks are assigned as in production (without any, the worker warns per lead). */
export async function addOfficers(db: Kysely<Database>, count: number): Promise<void> {
  const personalData = personalDataFor(Buffer.from(BENCH_PII_KEY, 'hex'));
  for (let index = 1; index <= count; index += 1) {
    await createStaffMember(db, personalData, { name: `招商专员${index}`, email: null, role: 'officer', active: true, supervisorId: null });
  }
}
