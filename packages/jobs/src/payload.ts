import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { JobType } from './job-type.ts';

/** A payload that does not match its job type's schema. Retrying cannot fix it, so the job fails at once. */
export class InvalidJobPayloadError extends Error {
  override readonly name = 'InvalidJobPayloadError';

  constructor(
    readonly jobName: string,
    readonly problems: string[],
  ) {
    super(`invalid payload for job ${jobName}: ${problems.join('; ')}`);
  }
}

export function assertPayload<S extends TSchema>(type: JobType<S>, payload: unknown): asserts payload is Static<S> {
  if (Value.Check(type.payload, payload)) return;
  const problems = Value.Errors(type.payload, payload).map((error) => `${error.instancePath || '/'} ${error.message}`);
  throw new InvalidJobPayloadError(type.name, problems);
}
