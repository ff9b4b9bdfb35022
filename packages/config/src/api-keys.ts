import { createHash } from 'node:crypto';

export const ROLES = ['crm', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  /** A stable, non-secret id of the key (a digest prefix): owns the leads created with it. */
  id: string;
  roles: ReadonlySet<Role>;
  digest: string;
}

export const DEV_KEY_SECRET = 'dev';

export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function apiKey(secret: string, roles: Iterable<Role>): ApiKey {
  const digest = digestSecret(secret);
  return { id: `key_${digest.slice(0, 16)}`, roles: new Set(roles), digest };
}

export function devApiKey(): ApiKey {
  return apiKey(DEV_KEY_SECRET, ROLES);
}

/**
 * Parses `role:secret,role:secret`. A secret listed under several roles gets all of them.
 * Returns the keys, or the problems found in words.
 */
export function parseApiKeys(value: string, minSecretLength: number): { keys: ApiKey[] } | { problems: string[] } {
  const rolesBySecret = new Map<string, Set<Role>>();
  const problems: string[] = [];
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const separator = entry.indexOf(':');
      const role = entry.slice(0, separator) as Role;
      const secret = entry.slice(separator + 1);
      if (separator < 0 || !ROLES.includes(role)) {
        problems.push(`entry ${index + 1} must look like role:secret with role one of ${ROLES.join(', ')}`);
      } else if (secret.length < minSecretLength) {
        problems.push(`entry ${index + 1} (${role}) has a secret shorter than ${minSecretLength} characters`);
      } else {
        rolesBySecret.set(secret, (rolesBySecret.get(secret) ?? new Set()).add(role));
      }
    });
  if (problems.length === 0 && rolesBySecret.size === 0) problems.push('lists no keys');
  if (problems.length > 0) return { problems };
  return { keys: [...rolesBySecret].map(([secret, roles]) => apiKey(secret, roles)) };
}
