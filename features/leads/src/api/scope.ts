import type { Principal } from '@leadmatch/http';
import type { LeadScope } from '../repository.ts';

/** A CRM key sees only its own leads; staff and admin see all. */
export function scopeOf(principal: Principal): LeadScope {
  return principal.can('leads:read-all') ? { ownerKey: null } : { ownerKey: principal.keyId };
}
