/** Tables of follow-up work: staff members, tasks and their history. */
export interface FollowUpTables {}
