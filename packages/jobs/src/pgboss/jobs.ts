import { createHash } from 'node:crypto';
import type { JobType } from '../job-type.ts';

/**
 * The pg-boss queue of a job type. pg-boss retries, schedules and fetches per queue, so each job type
 * has its own, named `<queue>/<job type>`: `counts` adds them up by the part before the slash.
 */
export function bossQueue(type: JobType): string {
  if (type.queue.includes('/')) throw new Error(`queue name ${type.queue} must not contain "/"`);
  return `${type.queue}/${type.name}`;
}

/** A fixed namespace for the name-based UUIDs below. */
const NAMESPACE = Buffer.from('27bede76b2a24455b87bf7befa31977e', 'hex');

/**
 * pg-boss job ids are UUIDs, so a job's given id becomes a name-based one (UUID version 5): the same
 * given id always names the same job, and pg-boss adds nothing when a job with that id exists.
 */
export function bossJobId(jobId: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(jobId).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The job type's retries in pg-boss's terms: retries after the first run, and a first wait in whole
 * seconds (at least one) that doubles with each retry. pg-boss adds up to as much again at random.
 */
export function retryOptions(type: JobType): { retryLimit: number; retryDelay: number; retryBackoff: boolean } {
  return { retryLimit: type.attempts - 1, retryDelay: Math.max(1, Math.round(type.backoffMs / 1000)), retryBackoff: true };
}
