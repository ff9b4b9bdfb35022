import { readFileSync } from 'node:fs';
import type { Classifier } from '@leadmatch/catalog-core';
import { normalizeLeadInput, type LeadInput } from '@leadmatch/domain';
import { toMatchLead, type MatchLead } from '@leadmatch/matcher';

type Needs = Omit<LeadInput, 'company' | 'contact'>;

const EVALUATION_LEADS = (
  JSON.parse(readFileSync(new URL('../../tests/evaluation/leads.json', import.meta.url), 'utf8')) as { leads: { input: Needs }[] }
).leads;

/** Preferred regions swapped in, so that leads reach all over a national catalog and not only the seeds' 苏州. */
const REGIONS: readonly string[][] = [[], ['江苏'], ['广东省深圳市'], ['浙江', '安徽'], ['成都'], ['北京市海淀区'], ['上海'], ['Suzhou']];

/**
 * The evaluation leads (tests/evaluation/leads.json: industries as companies write them, in Simplified,
 * Traditional and English, with their uses, areas, money, regions and policy interests), each as given
 * and with two other region preferences: normalised and classified as the service does, in a fixed order.
 */
export function variedLeads(classifier: Classifier): MatchLead[] {
  const placeholder = { company: { name: '基准样本' }, contact: { name: '基准', phone: '13800000000' } };
  return EVALUATION_LEADS.flatMap(({ input }, i) =>
    [input.regions ?? [], REGIONS[i % REGIONS.length]!, REGIONS[(i + 3) % REGIONS.length]!].map((regions) =>
      toMatchLead(normalizeLeadInput({ ...placeholder, ...input, regions }), classifier.classify),
    ),
  );
}
