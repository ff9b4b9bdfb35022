import type { Test } from 'tap';

/** CI sets REQUIRE_SERVICES=1: a missing Postgres or Redis is then a failure, never a skip. */
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

/**
 * The URL of a real service from the environment. Without it, the test is skipped with the reason,
 * or fails when services are required.
 */
export function serviceUrl(t: Test, variable: 'DATABASE_URL' | 'REDIS_URL'): string | undefined {
  const url = process.env[variable];
  if (url) return url;
  const reason = `${variable} is not set, so this test cannot reach a real server`;
  if (servicesRequired) t.fail(`${reason} and REQUIRE_SERVICES=1 forbids skipping`);
  else t.skip(reason, () => {});
  return undefined;
}

/** A name no other test process uses, for databases and queue prefixes. */
export function uniqueName(label: string): string {
  return `${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
