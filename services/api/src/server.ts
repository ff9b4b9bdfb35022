import cluster from 'node:cluster';
import { loadConfigOrExit } from '@leadmatch/config';
import { runApiProcesses } from './api-cluster.ts';
import { startApiProcess } from './api-process.ts';

/**
 * Starts the API alone, as API_PROCESSES processes sharing PORT; workers run as separate processes
 * on the same Postgres (and Redis).
 */
const config = loadConfigOrExit();
if (config.apiProcesses > 1 && cluster.isPrimary) await runApiProcesses(config);
else await startApiProcess(config);
