import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { Executor, PersonalData } from '@leadmatch/db';
import type { LeadRecord, LeadStatus } from '@leadmatch/domain';
import { listFollowUpTasks, openTaskCounts, type FollowUpFilter, type FollowUpTask, type OpenTasksOfLead } from '@leadmatch/followups';
import { contactOf, toLeadRecord, type LeadScope } from '@leadmatch/leads';
import { latestTopSuggestions, type TopSuggestion } from '@leadmatch/matching';
import { staffNames } from '@leadmatch/staff';

/** Leads read per query: each page costs three queries (leads, their runs, their tasks) and a lookup of new staff names. */
export const DEFAULT_PAGE_SIZE = 1000;

/** The parks an export row lists per lead: as many as a brief answer of GET /v1/leads/{id}/suggestions. */
export const TOP_PARKS = 3;

export interface LeadExportFilter {
  status?: LeadStatus | undefined;
  updatedSince?: Date | undefined;
}

/** A lead as its export row shows it: the lead (contact opened), its latest run's top parks, its open tasks. */
export interface LeadExportRow {
  lead: LeadRecord;
  /** undefined: never matched; []: matched, no park suggested. */
  topParks: TopSuggestion[] | undefined;
  openTasks: OpenTasksOfLead | undefined;
  /** The owners of its open tasks, by name; null stands for unassigned tasks. */
  owners: (string | null)[];
}

export interface TaskExportRow {
  task: FollowUpTask;
  companyName: string | null;
  owner: string | null;
}

/** Why an export stopped reading: its client went away, or its output failed. */
export class ExportStopped extends Error {}

/**
 * Between pages: stop once the output is gone (the client aborted), and wait while the client reads
 * slower than the rows are written, so what is buffered stays about a page, whatever the total.
 */
export async function readyForNextPage(output: Writable): Promise<void> {
  if (output.writableNeedDrain && !output.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        output.off('drain', done);
        output.off('close', done);
        resolve();
      };
      output.on('drain', done);
      output.on('close', done);
    });
  }
  if (output.destroyed) throw new ExportStopped('the export output was closed before the last row');
}

/** Staff names, each read once per export. */
class StaffNames {
  readonly #names = new Map<string, string>();
  constructor(
    private readonly db: Executor,
    private readonly personalData: PersonalData,
  ) {}

  async load(ids: Iterable<string | null>): Promise<void> {
    const missing = [...new Set(ids)].filter((id): id is string => id !== null && !this.#names.has(id));
    for (const [id, name] of await staffNames(this.db, this.personalData, missing)) this.#names.set(id, name);
  }

  /** The name, or the id when the member is gone. */
  name(id: string): string {
    return this.#names.get(id) ?? id;
  }
}

/**
 * One page of leads in the scope, with the list route's filters, in creation order (then id): a
 * lead's place never moves while the export runs, so each lead is read once, even when it changes.
 */
async function leadPage(db: Executor, scope: LeadScope, filter: LeadExportFilter, after: { createdAt: Date; id: string } | undefined, limit: number) {
  let query = db.selectFrom('leads').selectAll();
  if (scope.ownerKey !== null) query = query.where('owner_key', '=', scope.ownerKey);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.updatedSince) query = query.where('updated_at', '>=', filter.updatedSince);
  if (after) query = query.where(sql<boolean>`(created_at, id) > (${after.createdAt}, ${after.id})`);
  return query.orderBy('created_at').orderBy('id').limit(limit).execute();
}

export interface PageOptions {
  pageSize: number;
  output: Writable;
}

/**
 * The leads of an export, a page at a time, each page enriched with one query for the latest runs'
 * top parks and one for the open tasks; the next page is read while the current one is written. Only the contact's name and phone are opened (as the list
 * route shows them to the same caller), never the notes.
 */
export async function* leadExportRows(
  db: Executor,
  personalData: PersonalData,
  scope: LeadScope,
  filter: LeadExportFilter,
  { pageSize, output }: PageOptions,
): AsyncGenerator<LeadExportRow> {
  const staff = new StaffNames(db, personalData);
  const readPage = async (after: { createdAt: Date; id: string } | undefined) => {
    const rows = await leadPage(db, scope, filter, after, pageSize);
    const ids = rows.map((row) => row.id);
    const parks = await latestTopSuggestions(db, ids, TOP_PARKS);
    const tasks = await openTaskCounts(db, ids);
    await staff.load([...tasks.values()].flatMap((open) => open.assignees.map((assignee) => assignee.assigneeId)));
    return { rows, parks, tasks };
  };
  await readyForNextPage(output);
  let next: Promise<Awaited<ReturnType<typeof readPage>>> | undefined = readPage(undefined);
  while (next) {
    const { rows, parks, tasks } = await next;
    next = undefined;
    const last = rows.at(-1);
    if (last && rows.length === pageSize) {
      // The next page is read while this one is written: the database's work and the writer's overlap.
      // Two pages at most are held; the client's pace and its going away are checked before each read.
      await readyForNextPage(output);
      next = readPage({ createdAt: last.created_at, id: last.id });
      next.catch(() => {}); // awaited on the next turn; when the writer stops first, nobody waits for it
    }
    for (const row of rows) {
      const { contactName, contactPhone } = contactOf(row, personalData);
      const openTasks = tasks.get(row.id);
      yield {
        lead: { ...toLeadRecord(row), contactName, contactPhone },
        topParks: parks.get(row.id),
        openTasks,
        owners: (openTasks?.assignees ?? []).map(({ assigneeId }) => (assigneeId === null ? null : staff.name(assigneeId))),
      };
    }
  }
}

/**
 * The tasks of an export, a page at a time through the list route's own query (soonest due first),
 * each page with one query for its leads' company names and a lookup of new staff names.
 */
export async function* taskExportRows(
  db: Executor,
  personalData: PersonalData,
  filter: Omit<FollowUpFilter, 'after' | 'limit'>,
  { pageSize, output }: PageOptions,
): AsyncGenerator<TaskExportRow> {
  const staff = new StaffNames(db, personalData);
  let after: FollowUpFilter['after'];
  for (;;) {
    await readyForNextPage(output);
    const { tasks, next } = await listFollowUpTasks(db, { ...filter, after, limit: pageSize });
    if (tasks.length === 0) return;
    const leadIds = [...new Set(tasks.map((task) => task.leadId))];
    const companies = new Map(
      (await db.selectFrom('leads').select(['id', 'company_name']).where('id', 'in', leadIds).execute()).map((row) => [row.id, row.company_name]),
    );
    await staff.load(tasks.map((task) => task.assigneeId));
    for (const task of tasks) {
      yield { task, companyName: companies.get(task.leadId) ?? null, owner: task.assigneeId === null ? null : staff.name(task.assigneeId) };
    }
    if (!next) return;
    after = next;
  }
}
