import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '@leadmatch/config';
import type { DatabaseHandle, PersonalData } from '@leadmatch/db';
import { openJobQueue, type JobQueue } from '@leadmatch/jobs';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
    jobs: JobQueue;
    /** Seals and opens personal data at rest: built once from PII_KEY by the composition root. */
    personalData: PersonalData;
  }
}

export interface ResourceOptions {
  config: Config;
  /** Given by the caller, who then owns it; otherwise the app opens its own with `openDatabase` and closes it. */
  database?: DatabaseHandle | undefined;
  /** Opens a database ready to serve (migrated, seeded when empty): the composition root says how. */
  openDatabase: () => Promise<DatabaseHandle>;
  jobs?: JobQueue | undefined;
  personalData: PersonalData;
}

/** The database, the job queue and the personal-data sealer, decorated on the app and closed with it when the app opened them. */
export const resources = fp(
  async (app: FastifyInstance, options: ResourceOptions) => {
    const { config } = options;
    let database = options.database;
    if (!database) {
      const opened = await options.openDatabase();
      database = opened;
      app.addHook('onClose', () => opened.close());
    }
    let jobs = options.jobs;
    if (!jobs) {
      const opened = openJobQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix, db: database.db, log: app.log });
      jobs = opened;
      app.addHook('onClose', () => opened.close());
    }
    app.decorate('database', database);
    app.decorate('jobs', jobs);
    app.decorate('personalData', options.personalData);
  },
  { name: 'resources' },
);
