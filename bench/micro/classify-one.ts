/**
 * The cost of classifying one industry description with the whole of GB/T 4754-2017 and the focus
 * codes loaded (`classifier.classify`), in process with tinybench: the descriptions of
 * tests/evaluation/industry-breadth.json (three scripts, every section), cycled in a fixed order.
 *
 *   npx tsx bench/micro/classify-one.ts [--smoke]
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSeedCatalog } from '@leadmatch/catalog';
import { Bench } from 'tinybench';
import type { MicroStats } from '../lib/figures.ts';

const BREADTH_SET = new URL('../../tests/evaluation/industry-breadth.json', import.meta.url);

export async function runClassifyMicroBench(options: { smoke: boolean }): Promise<MicroStats & { descriptions: number }> {
  const { classifier } = await loadSeedCatalog();
  const texts = (JSON.parse(await readFile(BREADTH_SET, 'utf8')) as { cases: { text: string }[] }).cases.map((c) => c.text);
  let next = 0;
  const bench = new Bench({ time: options.smoke ? 300 : 5_000, warmupTime: options.smoke ? 100 : 1_000 });
  bench.add('classify', () => {
    classifier.classify(texts[next]!);
    next = (next + 1) % texts.length;
  });
  await bench.run();
  const result = bench.getTask('classify')?.result;
  if (result?.state !== 'completed') throw new Error(`classify: the benchmark did not complete (${result?.state ?? 'no result'})`);
  return { meanMs: result.latency.mean, p99Ms: result.latency.p99, opsPerSec: 1000 / result.period, descriptions: texts.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
  const { meanMs, p99Ms, opsPerSec, descriptions } = await runClassifyMicroBench({ smoke: values.smoke });
  console.table({ classify: { descriptions, 'mean (ms)': meanMs.toFixed(4), 'p99 (ms)': p99Ms.toFixed(4), 'per second': Math.round(opsPerSec) } });
}
