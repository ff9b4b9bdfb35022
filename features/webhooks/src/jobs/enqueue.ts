import type { Executor } from '@leadmatch/db';
import type { JobLog, JobQueue } from '@leadmatch/jobs';
import { markWebhookDeliveriesEnqueued } from '../relay-repository.ts';
import { deliverWebhook } from './job-types.ts';

/**
 * Hands deliveries to the queue, each under its job id, and marks them enqueued. A failure is logged
 * and left to the relay, which enqueues every pending delivery not marked enqueued.
 */
export async function enqueueWebhookDeliveries(
  queue: JobQueue,
  db: Executor,
  deliveries: { id: string; jobId: string }[],
  log: Pick<JobLog, 'warn'>,
  type: typeof deliverWebhook = deliverWebhook,
): Promise<void> {
  if (deliveries.length === 0) return;
  try {
    await queue.enqueueMany(type, deliveries.map((delivery) => ({ payload: { deliveryId: delivery.id }, jobId: delivery.jobId })));
    await markWebhookDeliveriesEnqueued(db, deliveries.map((delivery) => delivery.id));
  } catch (err) {
    log.warn({ err, deliveries: deliveries.length }, 'could not enqueue webhook deliveries now; the relay will retry');
  }
}
