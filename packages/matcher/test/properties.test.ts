import fc from 'fast-check';
import t from 'tap';
import { indexCatalog, Taxonomy } from '@leadmatch/catalog-core';
import { matchLead, type MatchResult } from '../src/index.ts';
import { anyCatalog, anyLead, CODES, fittingCarrier } from './support/arbitraries.ts';
import { catalogWith } from './support/catalog-builder.ts';
import { catalogOf, NOW, seedSnapshot, seedTaxonomy, type Snapshot } from './support/seed-catalog.ts';

const EVERY_PARK = { now: NOW, topN: 1000 };
const scoreOf = (result: MatchResult, parkId: string) => result.suggestions.find((s) => s.park.id === parkId)?.score ?? -1;

t.test('adding a fitting carrier never lowers a park’s score', async (t) => {
  fc.assert(
    fc.property(anyCatalog(), anyLead(), fc.nat(), (parts, lead, pick) => {
      const parkId = parts.parks[pick % parts.parks.length]!.id;
      const before = scoreOf(matchLead(lead, catalogWith(parts), EVERY_PARK), parkId);
      const added = { ...parts, carriers: [...parts.carriers, fittingCarrier(lead, 'added', parkId)] };
      const after = scoreOf(matchLead(lead, catalogWith(added), EVERY_PARK), parkId);
      return after >= before;
    }),
    { numRuns: 300 },
  );
  t.pass('held for every generated catalog and lead');
});

const unrelatedTo = (code: string) => CODES.filter((other) => seedTaxonomy.relation(code, other) === null);

t.test('an unrelated industry never yields strong (synthetic catalogs)', async (t) => {
  const leadAndCatalog = fc
    .constantFrom(...CODES.filter((code) => unrelatedTo(code).length > 0))
    .chain((code) => fc.tuple(anyLead(fc.constant([code])), anyCatalog(unrelatedTo(code))));
  fc.assert(
    fc.property(leadAndCatalog, ([lead, parts]) => {
      const result = matchLead(lead, catalogWith(parts), EVERY_PARK);
      return !result.hasStrongFit && result.suggestions.every((s) => s.fit !== 'strong');
    }),
    { numRuns: 300 },
  );
  t.pass('held');
});

t.test('an unrelated industry never yields strong (the seed catalog, any mix of codes)', async (t) => {
  const catalog = catalogOf(seedSnapshot, seedTaxonomy);
  const parks = new Map(seedSnapshot.parks.map((park) => [park.id, park]));
  fc.assert(
    fc.property(anyLead(), (lead) => {
      const codes = lead.classification.matches.map((match) => match.code);
      const result = matchLead(lead, catalog, EVERY_PARK);
      return result.suggestions.every((suggestion) => {
        const unrelated = parks.get(suggestion.park.id)!.industries.every((focus) => codes.every((code) => seedTaxonomy.relation(code, focus.code) === null));
        return !unrelated || suggestion.fit !== 'strong';
      });
    }),
    { numRuns: 200 },
  );
  t.pass('held');
});

const permutation = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

const shuffledSeed: fc.Arbitrary<Snapshot> = fc
  .record({
    sources: permutation(seedSnapshot.sources),
    industries: permutation(seedSnapshot.industries),
    parks: permutation(seedSnapshot.parks),
    clusterFacts: permutation(seedSnapshot.clusterFacts),
    carriers: permutation(seedSnapshot.carriers),
    policies: permutation(seedSnapshot.policies),
    platforms: permutation(seedSnapshot.platforms),
  })
  .map((parts) => ({ version: seedSnapshot.version, ...parts }));

t.test('deterministic: the same input twice, and the catalog in any order, give the same answer', async (t) => {
  const catalog = catalogOf(seedSnapshot, seedTaxonomy);
  fc.assert(
    fc.property(anyLead(), shuffledSeed, (lead, shuffled) => {
      const first = matchLead(lead, catalog, { now: NOW });
      t.same(matchLead(lead, catalog, { now: NOW }), first);
      const reordered = { index: indexCatalog(shuffled), taxonomy: new Taxonomy(shuffled.industries), snapshot: shuffled };
      t.same(matchLead(lead, reordered, { now: NOW }), first);
    }),
    { numRuns: 60 },
  );
});
