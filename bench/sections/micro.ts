import { phase } from '@leadmatch/progress';
import type { MicroStats } from '../lib/figures.ts';
import type { Section } from '../lib/section.ts';
import { ms, num } from '../lib/table.ts';
import { runMatchMicroBench } from '../micro/match-one-lead.ts';

/** matchLead's cost to score one lead, in process with tinybench (bench/micro/match-one-lead.ts). */
export const micro: Section = {
  name: 'micro',
  async run(ctx, figures) {
    phase('micro: matchLead, one lead, seed and national-scale catalogs (tinybench)');
    const { seed, national } = await runMatchMicroBench({ smoke: ctx.settings.smoke });
    figures.micro = { seed, national };
    const row = (label: string, stats: MicroStats) => [label, ms(stats.meanMs), ms(stats.p99Ms), `${num(stats.opsPerSec)} ops/s`];
    return [
      {
        title: 'Micro: matchLead, one lead (in process, tinybench)',
        headers: ['catalog', 'mean', 'p99', 'throughput'],
        rows: [row('seed catalog', seed), row('national catalog', national)],
      },
    ];
  },
};
