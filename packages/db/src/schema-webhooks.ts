/** Tables of webhook delivery to the CRM: subscriptions and deliveries. */
export interface WebhookTables {}
