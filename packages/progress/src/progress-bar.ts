import { SingleBar } from 'cli-progress';

export interface Progress {
  update(value: number): void;
  stop(): void;
}

const PLAIN_LINE_EVERY_MS = 15_000;

/**
 * A progress bar on stderr, cleared when it stops. Without a terminal (CI, a log file) it never
 * redraws: a plain line at the start, one every 15 seconds, and one at the end.
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
    notTTYSchedule: PLAIN_LINE_EVERY_MS,
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
