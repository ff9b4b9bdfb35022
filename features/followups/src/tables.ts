import type { Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '@leadmatch/db';


export type FollowUpKind = 'call_back' | 'send_brochure' | 'site_visit' | 'review' | 'manual';
export type FollowUpStatus = 'open' | 'done' | 'cancelled';
export type LeadPriority = 'hot' | 'warm' | 'cold';


export interface FollowUpTasksTable {
  id: Generated<string>;
  lead_id: string;
  /** The match run whose rules created the task; null for tasks staff created. */
  run_id: string | null;
  kind: FollowUpKind;
  park_id: string | null;
  status: Generated<FollowUpStatus>;
  priority: LeadPriority | null;
  priority_reason: string | null;
  due_at: Timestamp;
  assignee_id: string | null;
  /** The service's own note (a rule's reason), plain; a note staff typed before sealing is sealed at boot. */
  note: string | null;
  /** The note staff typed, sealed (see personal-data.ts). */
  note_sealed: string | null;
  /** The last reminder step done since the due time was set (-1: none; 0 due, 1 supervisor, 2 reassigned). */
  escalation_step: Generated<number>;
  /** When the next reminder step is due; null once the last was sent or the task left `open`. The sweep's index. */
  next_reminder_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FollowUpHistoryTable {
  id: Generated<string>;
  /** Insertion order: entries of one transaction can share a timestamp. */
  seq: Generated<string>;
  task_id: string;
  action: string;
  actor: string;
  data: Json<unknown>;
  /** The service's own note (a reminder step, a rule's reason), plain; a note staff typed before sealing is sealed at boot. */
  note: string | null;
  /** The note staff typed, sealed (see personal-data.ts). */
  note_sealed: string | null;
  at: CreatedAt;
}

export interface FollowUpAssignmentTable {
  singleton: Generated<boolean>;
  last_officer_id: string | null;
}

declare module '@leadmatch/db' {
  interface Database {
    follow_up_tasks: FollowUpTasksTable;
    follow_up_history: FollowUpHistoryTable;
    follow_up_assignment: FollowUpAssignmentTable;
  }
}
