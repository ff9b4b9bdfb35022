import type { TSchema } from 'typebox';

/**
 * A kind of job: its name, the queue that carries it, the shape of its payload and how it retries.
 * Declared without dependencies, so a producer can enqueue jobs without loading their handlers.
 */
export interface JobType<S extends TSchema = TSchema> {
  readonly name: string;
  readonly queue: string;
  readonly payload: S;
  /** Runs at most this many times, the first run included. */
  readonly attempts: number;
  /** Wait before the first retry; every later retry waits twice as long as the one before. */
  readonly backoffMs: number;
}

export function jobType<S extends TSchema>(spec: {
  name: string;
  queue: string;
  payload: S;
  attempts?: number;
  backoffMs?: number;
}): JobType<S> {
  return {
    name: spec.name,
    queue: spec.queue,
    payload: spec.payload,
    attempts: spec.attempts ?? 5,
    backoffMs: spec.backoffMs ?? 1000,
  };
}
