import { countByStatus, type Executor } from '@leadmatch/db';
import { LEAD_STATUSES } from '@leadmatch/domain';

/** Leads of every owner by status (the `leadmatch_leads` gauge). */
export const countLeadsByStatus = (db: Executor) => countByStatus(db, 'leads', LEAD_STATUSES);
