import type { Static, TSchema } from 'typebox';
import type { JobType } from './job-type.ts';
import type { JobLog } from './log.ts';
import { assertPayload } from './payload.ts';

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
  log: JobLog;
}

export type JobHandler<S extends TSchema> = (payload: Static<S>, ctx: JobContext) => Promise<void>;

interface Binding {
  type: JobType;
  handler: (payload: unknown, ctx: JobContext) => Promise<void>;
}

/** What the worker does for each job type. Workers only take jobs whose type has a handler here. */
export class JobHandlers {
  private readonly bindings = new Map<string, Binding>();

  on<S extends TSchema>(type: JobType<S>, handler: JobHandler<S>): this {
    if (this.bindings.has(type.name)) throw new Error(`job ${type.name} already has a handler`);
    this.bindings.set(type.name, { type, handler: handler as Binding['handler'] });
    return this;
  }

  /** Fails at boot, rather than when the first job arrives, when a declared job type has no handler. */
  assertComplete(types: readonly JobType[]): void {
    const missing = types.filter((type) => !this.bindings.has(type.name)).map((type) => type.name);
    if (missing.length) throw new Error(`no handler for job types: ${missing.join(', ')}`);
  }

  jobTypes(): JobType[] {
    return [...this.bindings.values()].map((binding) => binding.type);
  }

  jobType(name: string): JobType | undefined {
    return this.bindings.get(name)?.type;
  }

  /** Runs the handler for a stored job; throws InvalidJobPayloadError when the payload does not fit its schema. */
  async dispatch(name: string, payload: unknown, ctx: JobContext): Promise<void> {
    const binding = this.bindings.get(name);
    if (!binding) throw new Error(`no handler for job ${name}`);
    assertPayload(binding.type, payload);
    await binding.handler(payload, ctx);
  }
}
