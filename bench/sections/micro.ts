import { phase } from '@leadmatch/progress';
import type { MicroStats } from '../lib/figures.ts';
import type { Section } from '../lib/section.ts';
import { ms, num } from '../lib/table.ts';
import { runClassifyMicroBench } from '../micro/classify-one.ts';
import { runMatchMicroBench } from '../micro/match-one-lead.ts';

/**
 * In process with tinybench: matchLead's cost to score one lead (bench/micro/match-one-lead.ts) and the
 * classifier's cost for one description (bench/micro/classify-one.ts).
 */
export const micro: Section = {
  name: 'micro',
  async run(ctx, figures) {
    phase('micro: matchLead, one lead, seed and national-scale catalogs (tinybench)');
    const { seed, national } = await runMatchMicroBench({ smoke: ctx.settings.smoke });
    phase('micro: classify one industry description, whole GB/T 4754 loaded (tinybench)');
    const classify = await runClassifyMicroBench({ smoke: ctx.settings.smoke });
    figures.micro = { seed, national, classify };
    const row = (label: string, stats: MicroStats) => [label, ms(stats.meanMs), ms(stats.p99Ms), `${num(stats.opsPerSec)} ops/s`];
    return [
      {
        title: 'Micro: matchLead, one lead (in process, tinybench)',
        headers: ['catalog', 'mean', 'p99', 'throughput'],
        rows: [row('seed catalog', seed), row('national catalog', national)],
      },
      {
        title: 'Micro: classify one industry description (in process, tinybench)',
        headers: ['descriptions cycled', 'mean', 'p99', 'throughput'],
        rows: [[num(classify.descriptions), ms(classify.meanMs), ms(classify.p99Ms), `${num(classify.opsPerSec)} ops/s`]],
      },
    ];
  },
};
