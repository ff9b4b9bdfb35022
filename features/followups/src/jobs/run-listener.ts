import type { RunListener } from '@leadmatch/matching';
import { applyFollowUpRules } from './apply.ts';
import { warnCalendarFallback } from './calendar-fallback-log.ts';
import { followUpTiming, type FollowUpConfig } from './config.ts';

export interface FollowUpRunOptions {
  config?: FollowUpConfig | undefined;
}

/** The follow-up rules, applied to every run a match round records, in its transaction; the sweep sends their reminders. */
export function followUpRunListener(options: FollowUpRunOptions = {}): RunListener {
  const dueAt = options.config?.dueAt;
  const timing = followUpTiming(options.config);
  return {
    async onRuns(trx, runs, log) {
      const outcome = await applyFollowUpRules(
        trx,
        runs.map((run) => ({ ...run, dueAt })),
        timing,
      );
      return {
        events: outcome.events,
        afterCommit: async () => {
          if (outcome.unassigned) log.warn({ tasks: outcome.unassigned }, 'follow-up tasks left unassigned: no active officer');
          warnCalendarFallback(log, outcome.calendarFallbackYears);
        },
      };
    },
  };
}
