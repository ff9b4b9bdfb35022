import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BriefData } from './brief-data.ts';

interface Rendered {
  pdf: Buffer;
  pages: number;
}

type Answer = { id: number; pdf: Uint8Array; pages: number } | { id: number; error: string };

/** The worker beside this module, as JavaScript once built and as source under tsx. */
const FROM_SOURCE = extname(fileURLToPath(import.meta.url)) === '.ts';
const WORKER_URL = new URL(`./render-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/** Node 20 does not carry `--import=tsx` into worker threads, so from source the worker registers tsx itself. */
function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Lays briefs out on a thread of their own: a layout takes a few hundred milliseconds of CPU, which
 * on the event loop would hold up every other request (and trip the load shedding). One thread per
 * process, started with the first brief, briefs taking turns on it; it keeps the fonts loaded.
 */
export class BriefRenderer {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve(value: Rendered): void; reject(error: Error): void }>();
  private nextId = 0;

  render(data: BriefData): Promise<Rendered> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<Rendered>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, data });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('message', (answer: Answer) => this.settle(answer));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the brief renderer stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if (!waiting) return;
    if ('error' in answer) waiting.reject(new Error(answer.error));
    else waiting.resolve({ pdf: Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength), pages: answer.pages });
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
