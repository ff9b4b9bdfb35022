import type { ColumnType } from 'kysely';

/** Column types the features' table interfaces are written with. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T> = ColumnType<T, string, string>;

/**
 * The tables queries may name. Empty here: each feature adds its own tables to this interface (module
 * augmentation in the feature's tables.ts), so the database package knows no feature. The job store's
 * tables are pg-boss's, in a schema of their own, and are read through `@leadmatch/jobs`, not Kysely.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- each feature merges its tables in
export interface Database {}
