import fc from 'fast-check';
import t from 'tap';
import { loadSeedCatalog } from '@leadmatch/catalog';
import { createClassifier } from '@leadmatch/catalog-core';
import { variedLeads } from '../../../bench/micro/varied-leads.ts';
import { catalogLookup, matchFacts, matchLead, referencedIds, renderMatch, type CatalogLookup, type MatchCatalog, type MatchFacts, type MatchLead, type MatchOptions } from '../src/index.ts';
import { anyCatalog, anyLead } from './support/arbitraries.ts';
import { catalogWith } from './support/catalog-builder.ts';
import { leadOf, NOW, seedCatalog } from './support/seed-catalog.ts';

/** Facts as the service stores them: through JSON and back. */
const stored = (facts: MatchFacts): MatchFacts => JSON.parse(JSON.stringify(facts)) as MatchFacts;

const roundTrips = (lead: MatchLead, catalog: MatchCatalog, options: MatchOptions) =>
  JSON.stringify(renderMatch(stored(matchFacts(lead, catalog, options)), catalogLookup(catalog))) === JSON.stringify(matchLead(lead, catalog, options));

/** The keys of every object in a JSON value. */
function keysOf(value: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        keys.add(key);
        visit(child);
      }
    }
  };
  visit(value);
  return keys;
}

const loaded = await loadSeedCatalog();
const EVALUATION_NOW = new Date('2026-11-21T00:00:00Z');
const evaluationLeads = variedLeads(createClassifier(loaded.taxonomy));

t.test('the evaluation leads: stored facts render to what matchLead answers, with no words in them', async (t) => {
  for (const [i, lead] of evaluationLeads.entries()) {
    const facts = matchFacts(lead, loaded, { now: EVALUATION_NOW });
    t.same(renderMatch(stored(facts), catalogLookup(loaded)), matchLead(lead, loaded, { now: EVALUATION_NOW }), `lead ${i}`);
    const keys = keysOf(facts);
    for (const prose of ['zh', 'en', 'name', 'nameEn', 'label', 'evidence']) t.notOk(keys.has(prose), `lead ${i}: no ${prose}`);
  }
});

t.test('leads naming instruments, with registered classes, land and money: the same answer through facts, and the classifier’s note', async (t) => {
  const classifier = createClassifier(loaded.taxonomy);
  const texts = ['医疗器械研发与生产', '抗體藥物', 'AI chips and robotics', '跨境电商', '完全无法识别的行业', '化学药品制剂', '软件开发'];
  const classes = loaded.taxonomy.all().filter((industry) => industry.level === 'class');
  const registered = [null, '3581', '3583', '2761', '2710', '2720', '6513', ...classes.filter((_, i) => i % 60 === 0).map((industry) => industry.code)];
  const agreements = new Set<string>();
  for (const text of texts) {
    for (const code of registered) {
      const lead = {
        ...leadOf(text, { uses: ['production', 'rnd'], landM2: 20_000, annualTaxWan: 600, investmentWan: 12_000, regions: ['苏州', 'Suzhou'], notes: '想申请创新券、苗圃贷和人才计划' }),
        classification: classifier.classify(text, code),
      };
      t.ok(roundTrips(lead, loaded, { now: EVALUATION_NOW }), `${text} ${code ?? '—'}`);
      const note = lead.classification.registered;
      if (!note || note.agreement === 'same') continue;
      agreements.add(`${note.agreement} ${note.used}`);
      const { summary } = matchLead(lead, loaded, { now: EVALUATION_NOW });
      t.ok(summary.zh.endsWith(note.zh) && summary.en.endsWith(` ${note.en}`), `${text} ${code}: the classifier's note, word for word`);
    }
  }
  t.same([...agreements].sort(), ['differs registered', 'differs text', 'refines registered', 'same-division both', 'text-unrecognised registered']);
});

t.test('generated leads on generated catalogs: the same answer through facts', async (t) => {
  fc.assert(
    fc.property(anyCatalog(), anyLead(), fc.constantFrom(1, 5, 1000), (parts, lead, topN) => roundTrips(lead, catalogWith(parts), { now: NOW, topN })),
    { numRuns: 300 },
  );
  fc.assert(fc.property(anyLead(), (lead) => roundTrips(lead, seedCatalog, { now: NOW, topN: 1000 })), { numRuns: 200 });
  t.pass('held');
});

/** A lookup that holds only the given documents, as the service loads them from an older catalog version. */
function only(lookup: CatalogLookup, ids: ReturnType<typeof referencedIds>): CatalogLookup {
  const within = <T>(list: readonly string[], find: (id: string) => T | undefined) => (id: string) => (list.includes(id) ? find(id) : undefined);
  return {
    taxonomy: lookup.taxonomy,
    park: within(ids.parks, lookup.park),
    carrier: within(ids.carriers, lookup.carrier),
    policy: within(ids.policies, lookup.policy),
    platform: within(ids.platforms, lookup.platform),
    clusterFact: within(ids.clusterFacts, lookup.clusterFact),
  };
}

t.test('the referenced documents are all a render needs', async (t) => {
  const lookup = catalogLookup(loaded);
  for (const [i, lead] of evaluationLeads.entries()) {
    const facts = matchFacts(lead, loaded, { now: EVALUATION_NOW, topN: 10 });
    t.same(renderMatch(facts, only(lookup, referencedIds(facts))), renderMatch(facts, lookup), `lead ${i}`);
  }
  const facts = matchFacts(evaluationLeads[0]!, loaded, { now: EVALUATION_NOW });
  t.throws(() => renderMatch(facts, { ...lookup, park: () => undefined }), /the lookup has no park/, 'a missing document is an error, not a silent gap');
});

t.test('facts are deterministic: the same JSON for the same inputs, whatever order the catalog was loaded in', async (t) => {
  const reversed = catalogWith({ parks: [...loaded.snapshot.parks].reverse(), carriers: [...loaded.snapshot.carriers].reverse() });
  const forward = catalogWith({ parks: loaded.snapshot.parks, carriers: loaded.snapshot.carriers });
  for (const lead of evaluationLeads.slice(0, 30)) {
    const facts = JSON.stringify(matchFacts(lead, loaded, { now: EVALUATION_NOW }));
    t.equal(JSON.stringify(matchFacts(lead, loaded, { now: EVALUATION_NOW })), facts);
    t.equal(JSON.stringify(matchFacts(lead, reversed, { now: EVALUATION_NOW })), JSON.stringify(matchFacts(lead, forward, { now: EVALUATION_NOW })));
  }
});
