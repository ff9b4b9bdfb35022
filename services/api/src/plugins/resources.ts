import type { Config } from '@leadmatch/config';
import { openReadyDatabase } from '@leadmatch/catalog';
import type { DatabaseHandle } from '@leadmatch/db';
import { openJobQueue, type JobQueue } from '@leadmatch/jobs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
    jobs: JobQueue;
  }
}

export interface ResourceOptions {
  config: Config;
  /** Given by the caller, who then owns it; otherwise the app opens, migrates, seeds when empty and closes its own. */
  database?: DatabaseHandle | undefined;
  jobs?: JobQueue | undefined;
}

/** The database and the job queue, decorated on the app and closed with it when the app opened them. */
export const resources = fp(
  async (app: FastifyInstance, options: ResourceOptions) => {
    const { config } = options;
    let database = options.database;
    if (!database) {
      const opened = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: app.log });
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
  },
  { name: 'resources' },
);
