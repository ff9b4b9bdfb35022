import { Type } from 'typebox';
import { closed, StringEnum } from '@leadmatch/domain';
import { TaskListQuery } from '@leadmatch/followups';
import { LeadListQuery } from '@leadmatch/leads';

const Format = Type.Optional(
  StringEnum(['xlsx', 'csv'] as const, {
    description: 'xlsx or csv; takes precedence over Accept (for links and Swagger UI). Without it, Accept decides: text/csv gives csv, anything else xlsx',
  }),
);

/** The list route's filters (the same definitions), without its paging, and the format. */
export const LeadExportQuery = Type.Object({ ...Type.Omit(LeadListQuery, ['cursor', 'limit']).properties, format: Format }, closed);

/** The follow-up list's filters (the same definitions), without its paging, and the format. */
export const TaskExportQuery = Type.Object({ ...Type.Omit(TaskListQuery, ['cursor', 'limit']).properties, format: Format }, closed);
