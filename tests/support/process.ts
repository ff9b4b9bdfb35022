import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { assertNoPersonalDataLeaks } from '@leadmatch/testing';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningService {
  child: ChildProcess;
  /** Every stdout and stderr line so far. */
  output: string[];
  /** The base URL, once the service logged that it listens (for API processes). */
  url: string | undefined;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How to start a process other than one of our TypeScript entry points, e.g. a built one. */
export interface Launch {
  argv: string[];
  cwd: string;
}

/**
 * Starts one of our entry points as a real process (from its TypeScript sources unless `launch`
 * says otherwise), with only the environment given. At teardown, once it has exited, nothing it
 * printed may show a phone number or contact name.
 */
export async function startService(t: Test, entry: string, env: Record<string, string>, launch?: Launch): Promise<RunningService> {
  const [command, ...args] = launch?.argv ?? [process.execPath, '--conditions=leadmatch-source', '--import=tsx', entry];
  const child = spawn(command!, args, {
    cwd: launch?.cwd ?? ROOT,
    // Any free port for a worker's metrics too: tests run many workers at once.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const listeners = new Set<() => void>();
  // Whole lines only, decoded across chunk boundaries: a name or number split in two would pass unseen.
  const collect = (stream: Readable) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      output.push(...lines.filter(Boolean));
      for (const listener of listeners) listener();
    });
    stream.on('end', () => {
      if (partial) output.push(partial);
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const closed = once(child, 'close');

  const service: RunningService = {
    child,
    output,
    url: undefined,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = output.find((candidate) => pattern.test(candidate));
          if (line) {
            cleanup();
            resolve(line);
          } else if (child.exitCode !== null) {
            cleanup();
            reject(new Error(`${entry} exited (${child.exitCode}) before logging ${pattern}:\n${output.join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${entry} did not log ${pattern} within ${timeoutMs} ms:\n${output.join('\n')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        child.once('exit', check);
        check();
      }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code, exitSignal] = await exited;
      return { code, signal: exitSignal };
    },
  };
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed;
    assertNoPersonalDataLeaks(output, entry);
  });
  return service;
}

/** Waits for the API's "Server listening at" line and records its URL. */
export async function listening(service: RunningService): Promise<string> {
  const line = await service.waitFor(/Server listening at http:\/\/127\.0\.0\.1:\d+/);
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
  service.url = url;
  return url;
}
