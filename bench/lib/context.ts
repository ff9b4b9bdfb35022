import type { Kysely } from 'kysely';
import { openDatabase, type Database, type DatabaseHandle } from '@leadmatch/db';
import { SCHEMAS, schemaUrl, type SchemaName } from './isolation.ts';
import type { LoadResult } from './load.ts';
import type { ChildService } from './processes.ts';
import type { ApiKeys, ServiceTarget } from './services.ts';
import type { BenchSettings } from './settings.ts';
import { loadNationalCatalog, type NationalCatalogInfo } from './setup.ts';

/** Something that went wrong while measuring. Failing problems make the run exit non-zero. */
export interface Problem {
  section: string;
  message: string;
  failing: boolean;
}

/** What every section gets: settings, where to run, observation handles, and a place to report problems. */
export class BenchContext {
  readonly problems: Problem[] = [];
  private readonly handles = new Map<SchemaName, DatabaseHandle>();
  private national: Promise<NationalCatalogInfo> | undefined;

  constructor(
    readonly settings: BenchSettings,
    readonly databaseUrl: string,
    readonly redisUrl: string,
    /** The run's Redis key prefix; each section's queues live under `<prefix>-<part>`. */
    readonly prefix: string,
    readonly keys: ApiKeys,
  ) {}

  /** Where a section's API or worker runs: a schema and its own queue prefix. */
  target(schema: SchemaName, part: string): ServiceTarget {
    return {
      databaseUrl: this.databaseUrl,
      redisUrl: this.redisUrl,
      schema,
      queuePrefix: `${this.prefix}-${part}`,
      keys: this.keys,
      workerConcurrency: this.settings.workerConcurrency,
    };
  }

  /** The bench's own small pool on a schema, for setup and for observing the service's tables. */
  async db(schema: SchemaName): Promise<Kysely<Database>> {
    let handle = this.handles.get(schema);
    if (!handle) {
      handle = await openDatabase({ databaseUrl: schemaUrl(this.databaseUrl, schema), dataDir: 'memory://', poolSize: 4 });
      this.handles.set(schema, handle);
    }
    return handle.db;
  }

  /** The national-scale catalog in its schema, generated and loaded once per run. */
  nationalCatalog(): Promise<NationalCatalogInfo> {
    this.national ??= this.db(SCHEMAS.national).then((db) => loadNationalCatalog(db, this.settings.nationalSizes));
    return this.national;
  }

  problem(section: string, message: string, failing = true): void {
    this.problems.push({ section, message, failing });
  }

  /** Non-2xx answers and connection errors of a load are problems, never hidden in the figures. */
  checkLoad(section: string, label: string, result: LoadResult): void {
    if (result.non2xx > 0) {
      const statuses = Object.entries(result.statusCounts)
        .filter(([status]) => !status.startsWith('2'))
        .map(([status, count]) => `${count}× ${status}`)
        .join(', ');
      this.problem(section, `${label}: ${result.non2xx} non-2xx answers (${statuses}); first: ${result.errorSamples[0] ?? '?'}`);
    }
    if (result.errors > 0) this.problem(section, `${label}: ${result.errors} connection errors or timeouts`);
  }

  /** What a service logged at warn or above, or outside its JSON log: errors fail the run, the rest is reported. */
  checkServiceLog(section: string, service: ChildService): void {
    for (const [message, { level, count }] of service.problems()) {
      this.problem(section, `${service.name} logged ${count}× ${message}`, level === 'error');
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.handles.values()].map((handle) => handle.close()));
    this.handles.clear();
  }
}
