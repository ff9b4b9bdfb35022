import { countByStatus, type Executor } from '@leadmatch/db';
import { WEBHOOK_DELIVERY_STATUSES } from './repository.ts';

/** Webhook deliveries by status (the `leadmatch_webhook_deliveries` gauge). */
export const countWebhookDeliveriesByStatus = (db: Executor) => countByStatus(db, 'webhook_deliveries', WEBHOOK_DELIVERY_STATUSES);
