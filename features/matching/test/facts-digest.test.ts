import t from 'tap';
import { loadSeedCatalog } from '@leadmatch/catalog';
import { normalizeMatchInput, type MatchInput } from '@leadmatch/domain';
import { LEAD_EXAMPLES } from '@leadmatch/leads';
import { matchFacts, toMatchLead, type MatchFacts } from '@leadmatch/matcher';
import { factsDigest } from '../src/jobs/same-facts.ts';

const catalog = await loadSeedCatalog();
const now = new Date('2026-12-01T00:00:00Z');
const factsOf = (input: MatchInput) => matchFacts(toMatchLead(normalizeMatchInput(input), catalog.classifier.classify), catalog, { now });
const lead = LEAD_EXAMPLES.biomedicine.value;
const facts = factsOf(lead);
const edited = (edit: (copy: MatchFacts) => void) => {
  const copy = structuredClone(facts);
  edit(copy);
  return factsDigest(copy);
};

t.equal(factsDigest(factsOf(lead)), factsDigest(facts), 'the same lead against the same catalog: the same digest');
t.equal(edited((f) => (f.catalogVersion += 1)), factsDigest(facts), 'a new catalog version alone is no change');
t.equal(edited((f) => (f.rulesVersion = 'leadmatch-rules/next')), factsDigest(facts), 'nor a new rules version');
t.not(edited((f) => f.suggestions.reverse()), factsDigest(facts), 'another order of the parks is a change');
t.not(edited((f) => (f.suggestions[0]!.score -= 0.001)), factsDigest(facts), 'so is a score');
t.not(edited((f) => (f.suggestions[0]!.fit = 'weak')), factsDigest(facts), 'a fit');
t.not(edited((f) => f.suggestions[0]!.policies.pop()), factsDigest(facts), 'a policy more or less');
t.not(edited((f) => (f.lead.annualTaxWan = (f.lead.annualTaxWan ?? 0) + 1)), factsDigest(facts), 'a figure of the lead the words quote');
t.not(factsDigest(factsOf({ ...lead, regions: ['上海'] })), factsDigest(facts), 'and another region preference');
