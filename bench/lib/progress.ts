import { SingleBar } from 'cli-progress';

/** A line on stderr naming the phase that starts, so logs show where a run was even without a terminal. */
export function phase(message: string): void {
  process.stderr.write(`▸ ${message}\n`);
}

export interface Progress {
  update(value: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr; without a terminal (CI, a log file) a plain line every 15 seconds instead.
 * `unit` follows the counts, e.g. "s" or "leads".
 */
export function progressBar(label: string, total: number, unit: string): Progress {
  const bar = new SingleBar({
    format: `  ${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`,
    stream: process.stderr,
    clearOnComplete: true,
    hideCursor: null,
    barsize: 30,
    noTTYOutput: true,
    notTTYSchedule: 15_000,
  });
  bar.start(total, 0);
  return {
    update: (value) => bar.update(Math.min(value, total)),
    stop: () => bar.stop(),
  };
}

/** A bar that fills with elapsed time, for loads that run for a fixed number of seconds. */
export function timeBar(label: string, seconds: number): Progress {
  const bar = progressBar(label, seconds, 's');
  const started = Date.now();
  const timer = setInterval(() => bar.update(Math.round((Date.now() - started) / 100) / 10), 250);
  return {
    update: bar.update,
    stop: () => {
      clearInterval(timer);
      bar.stop();
    },
  };
}
