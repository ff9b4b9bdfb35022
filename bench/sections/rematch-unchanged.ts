import { measureScheduledRematch, rematchTable } from '../lib/scheduled-rematch.ts';
import type { Section } from '../lib/section.ts';

/**
 * The next night's re-match: the re-match section's open leads, every one matched, against the same
 * national catalog, unchanged since; a fresh worker process on the same queues. Measured by match
 * requests, not match runs, as a re-match that finds nothing changed need not store a new run.
 */
export const rematchUnchanged: Section = {
  name: 'rematch-unchanged',
  async run(ctx, figures) {
    const previous = figures.rematch;
    if (!previous || previous.timedOut) {
      throw new Error('the re-match section did not match every open lead, so there is no unchanged re-match to measure');
    }
    const measured = await measureScheduledRematch(ctx, 'rematch-unchanged', previous.leads);
    figures.rematchUnchanged = measured;
    return [
      rematchTable('Re-match again, catalog unchanged: every open lead, already matched on it (1 worker)', measured, [
        `the leads the re-match above matched; worker concurrency ${measured.workerConcurrency}`,
      ]),
    ];
  },
};
