import { Queue } from 'bullmq';
import { closeConnection, producerConnection } from './bullmq/connections.ts';
import { knownQueues } from './queue.ts';

export interface DashboardQueues {
  /** One BullMQ queue per queue the job types use, in the order they are first declared. */
  queues: Queue[];
  close(): Promise<void>;
}

/**
 * Queues for an operator's dashboard to inspect, on a connection of their own: a dashboard's
 * polling never waits behind, nor holds up, the producers the API writes through.
 */
export function openDashboardQueues(options: { redisUrl: string; prefix: string }): DashboardQueues {
  const connection = producerConnection(options.redisUrl);
  connection.on('error', () => {});
  const queues = knownQueues().map((name) => {
    const queue = new Queue(name, { connection, prefix: options.prefix });
    queue.on('error', () => {});
    return queue;
  });
  return {
    queues,
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
      await closeConnection(connection);
    },
  };
}
