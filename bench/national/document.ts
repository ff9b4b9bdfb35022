import type { CatalogDocument, Industry } from '@leadmatch/domain';
import { generateCarriers } from './carriers.ts';
import { industryMix } from './industry-mix.ts';
import { generateParks } from './parks.ts';
import { generateClusterFacts, generatePlatforms } from './platforms-and-facts.ts';
import { generatePolicies } from './policies.ts';
import { SYNTHETIC_SOURCE } from './provenance.ts';
import { Random } from './random.ts';

export interface NationalSizes {
  /** Default 2,500. */
  parks?: number;
  /** Default 10 per park (25,000). */
  carriers?: number;
  /** Default 4 per park (10,000). */
  policies?: number;
  /** Default 1. */
  seed?: number;
}

export interface NationalCounts {
  parks: number;
  carriers: number;
  policies: number;
  platforms: number;
  facts: number;
}

/** Platforms and cluster facts follow the park count: 2 and 4 per park. */
const PLATFORMS_PER_PARK = 2;
const FACTS_PER_PARK = 4;

/**
 * The whole synthetic catalog in memory, over the given (real) taxonomy. Each part draws from its own
 * stream of the seed, so changing how many policies there are leaves the parks and carriers as they were.
 */
export function nationalCatalogDocument(industries: readonly Industry[], sizes: NationalSizes = {}): { document: CatalogDocument; counts: NationalCounts } {
  const parkCount = sizes.parks ?? 2500;
  const seed = sizes.seed ?? 1;
  const stream = (part: number) => new Random(Math.imul(seed, 0x9e3779b1) ^ part);
  const mix = industryMix(industries);
  const parks = generateParks(stream(1), parkCount, mix);
  const carriers = generateCarriers(stream(2), sizes.carriers ?? 10 * parkCount, parks);
  const policies = generatePolicies(stream(3), sizes.policies ?? 4 * parkCount, parks, mix);
  const platforms = generatePlatforms(stream(4), PLATFORMS_PER_PARK * parkCount, parks, mix);
  const clusterFacts = generateClusterFacts(stream(5), FACTS_PER_PARK * parkCount, parks, mix);
  return {
    document: { sources: [SYNTHETIC_SOURCE], industries: [...industries], parks: parks.parks, clusterFacts, carriers, policies, platforms },
    counts: { parks: parks.parks.length, carriers: carriers.length, policies: policies.length, platforms: platforms.length, facts: clusterFacts.length },
  };
}
