import type { JobType } from './job-type.ts';

/** Webhook fan-out and delivery. */
export const webhookJobTypes: readonly JobType[] = [];
