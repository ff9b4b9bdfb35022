import { readFileSync } from 'node:fs';
import { createClassifier, indexCatalog, readSeedDocument, Taxonomy } from '@leadmatch/catalog';
import { normalizeLeadInput } from '@leadmatch/domain';
import { matchLead } from '@leadmatch/matching';
const doc = await readSeedDocument();
const snapshot = { version: 1, sources: doc.sources ?? [], industries: doc.industries ?? [], parks: doc.parks ?? [], clusterFacts: doc.clusterFacts ?? [], carriers: doc.carriers ?? [], policies: doc.policies ?? [], platforms: doc.platforms ?? [] };
const index = indexCatalog(snapshot); const taxonomy = new Taxonomy(snapshot.industries); const classifier = createClassifier(taxonomy);
const { leads } = JSON.parse(readFileSync('tests/evaluation/leads.json', 'utf8'));
const ids = process.argv.slice(2);
for (const l of leads.filter((x: any) => ids.length === 0 || ids.includes(x.id))) {
  const n = normalizeLeadInput({ company: { name: 'x' }, contact: { name: 'x', phone: '13800000000' }, ...l.input });
  const r = matchLead({ industry: n.industry, classification: classifier.classify(n.industry), uses: n.uses, landM2: n.landM2, buildingM2: n.buildingM2, buildingTenure: n.buildingTenure, annualTaxWan: n.annualTaxWan, investmentWan: n.investmentWan, employees: n.employees, regions: n.regions, policyInterests: n.policyInterests }, { index, taxonomy }, { now: new Date('2026-11-21T00:00:00Z'), topN: Number(process.env.TOPN ?? 5) });
  console.log('=====', l.id, 'expected', l.expected.join(','), '| excluded', JSON.stringify(r.excluded), '|', r.summary.zh);
  for (const s of r.suggestions) {
    console.log(`  #${s.rank} ${s.park.id} ${s.fit} ${s.score.toFixed(3)} :: ` + s.reasons.map((x) => `${x.factor}=${x.score === null ? 'null' : x.score.toFixed(2)}*${x.weight}`).join(' '));
    if (process.env.V) for (const x of s.reasons) console.log('      ', x.factor, x.zh);
  }
}
