import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Lines a child logged at pino level warn (40) or above, or that are not JSON (stack traces, tsx errors). */
export interface LoggedProblem {
  level: 'warn' | 'error' | 'output';
  message: string;
}

export interface ChildService {
  name: string;
  child: ChildProcess;
  /** The node process itself (spawned directly, no wrapper), so /proc/<pid> describes it. */
  pid: number;
  /** The last lines of output, for error messages. */
  tail(): string;
  /** Warn-and-above log lines and non-JSON output, grouped by message with counts. */
  problems(): Map<string, { level: LoggedProblem['level']; count: number }>;
  /** Throws when the process has exited, naming it and its last output. */
  assertAlive(): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildService>();
const TAIL_LINES = 40;

/** With BENCH_PROFILE_DIR set, every service writes a V8 CPU profile there when it exits. */
const profiling = process.env.BENCH_PROFILE_DIR ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];

/**
 * Starts one of our TypeScript entry points as its own node process (`node --import tsx`), with
 * only the environment given (plus PATH and TMPDIR), as the tests do. `ipc` opens a message channel.
 */
export function spawnService(name: string, entry: string, env: Record<string, string>, options: { ipc?: boolean } = {}): ChildService {
  const child = spawn(process.execPath, [...profiling, '--conditions=leadmatch-source', '--import=tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), ...env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name} could not be started`);
  const lines: string[] = [];
  const grouped = new Map<string, { level: LoggedProblem['level']; count: number }>();
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      const problem = classify(line);
      if (!problem) continue;
      const key = `${problem.level}: ${problem.message}`;
      const entry = grouped.get(key) ?? { level: problem.level, count: 0 };
      entry.count += 1;
      grouped.set(key, entry);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = once(child, 'exit');

  const service: ChildService = {
    name,
    child,
    pid: child.pid,
    tail: () => lines.join('\n'),
    problems: () => grouped,
    assertAlive: () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        const cause = lines.findLast((line) => /error/i.test(line)) ?? lines.at(-1) ?? 'no output';
        throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) during the run: ${cause.slice(0, 200)}\nits last output:\n${service.tail()}`);
      }
    },
    stop: async (graceMs = 20_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      running.delete(service);
    },
  };
  running.add(service);
  return service;
}

function classify(line: string): LoggedProblem | undefined {
  let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return { level: 'output', message: line.slice(0, 200) };
  }
  if (typeof entry.level !== 'number' || entry.level < 40) return undefined;
  const detail = typeof entry.err?.message === 'string' ? ` (${entry.err.message.slice(0, 160)})` : '';
  return { level: entry.level >= 50 ? 'error' : 'warn', message: `${String(entry.msg ?? '')}${detail}` };
}

/** Stops every child still running (on failure or Ctrl-C), quickly. */
export async function stopAllServices(): Promise<void> {
  await Promise.all([...running].map((service) => service.stop(3_000)));
}

/** A TCP port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Polls `url` until it answers 200, while the service is alive; throws with its output otherwise. */
export async function waitForHttp(service: ChildService, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    service.assertAlive();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000} s; its last output:\n${service.tail()}`);
}

/** The peak resident set size (VmHWM) of a process so far, in MiB. */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Math.round((Number(match[1]) / 1024) * 10) / 10;
}
