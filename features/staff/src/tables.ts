import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '@leadmatch/db';

export type StaffRole = 'officer' | 'supervisor';

export interface StaffTable {
  id: Generated<string>;
  /** Plaintext from before sealing: emptied at boot, never written again. */
  name: string | null;
  email: string | null;
  /** Personal data, sealed (see personal-data.ts); never logged. */
  name_sealed: string | null;
  email_sealed: string | null;
  role: StaffRole;
  active: Generated<boolean>;
  supervisor_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

declare module '@leadmatch/db' {
  interface Database {
    staff: StaffTable;
  }
}
