import { auth, KEYS } from '../support.ts';

/** Who asks, in the authorization matrix (authz-matrix.test.ts): no key, a key never issued, and a key of each role. */

export type Role = 'crm' | 'staff' | 'admin';
export type PrincipalName = 'none' | 'badKey' | 'crm' | 'otherCrm' | 'staff' | 'admin';

export const PRINCIPALS: Record<PrincipalName, { role?: Role; headers: Record<string, string> }> = {
  none: { headers: {} },
  badKey: { headers: auth('not-a-key-we-issued') },
  crm: { role: 'crm', headers: auth(KEYS.crm) },
  otherCrm: { role: 'crm', headers: auth(KEYS.otherCrm) },
  staff: { role: 'staff', headers: auth(KEYS.staff) },
  admin: { role: 'admin', headers: auth(KEYS.admin) },
};
