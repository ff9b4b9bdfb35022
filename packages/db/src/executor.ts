import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Repositories take either the database or an open transaction, so callers decide what commits together. */
export type Executor = Kysely<Database> | Transaction<Database>;
