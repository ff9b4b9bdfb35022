import { readFileSync } from 'node:fs';
import { createClassifier, indexCatalog, readSeedDocument, Taxonomy } from '@leadmatch/catalog';
import { normalizeLeadInput } from '@leadmatch/domain';
import { matchLead } from '@leadmatch/matching';
const doc = await readSeedDocument();
const snapshot = { version: 1, sources: doc.sources ?? [], industries: doc.industries ?? [], parks: doc.parks ?? [], clusterFacts: doc.clusterFacts ?? [], carriers: doc.carriers ?? [], policies: doc.policies ?? [], platforms: doc.platforms ?? [] };
const index = indexCatalog(snapshot); const taxonomy = new Taxonomy(snapshot.industries); const classifier = createClassifier(taxonomy);
const { leads } = JSON.parse(readFileSync('tests/evaluation/leads.json', 'utf8'));
for (const l of leads) {
  const n = normalizeLeadInput({ company: { name: 'x' }, contact: { name: 'x', phone: '13800000000' }, ...l.input });
  const r = matchLead({ industry: n.industry, classification: classifier.classify(n.industry), uses: n.uses, landM2: n.landM2, buildingM2: n.buildingM2, buildingTenure: n.buildingTenure, annualTaxWan: n.annualTaxWan, investmentWan: n.investmentWan, employees: n.employees, regions: n.regions, policyInterests: n.policyInterests }, { index, taxonomy }, { now: new Date('2026-11-21T00:00:00Z') });
  const got = r.suggestions.slice(0, 3).map((s) => `${s.park.id}:${s.fit[0]}${s.score.toFixed(2)}`).join(' ');
  const mark = l.expected.length === 0 ? 'NEG' : l.expected.includes(r.suggestions[0]?.park.id) ? (r.suggestions[0]?.park.id === l.expected[0] ? '1=' : '1~') : 'XX';
  console.log(mark, l.id.padEnd(32), '|', l.expected.join(','), '|', got);
}
