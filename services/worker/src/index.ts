export { buildHandlers, workerJobTypes, type HandlerDependencies } from './handlers.ts';
export { exitOnUnsafeRedis, startWorker, type RunningWorker } from './worker.ts';
