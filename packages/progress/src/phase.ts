/** A line on stderr naming the phase that starts, so logs show where a run was even without a terminal. */
export function phase(message: string): void {
  process.stderr.write(`▸ ${message}\n`);
}
