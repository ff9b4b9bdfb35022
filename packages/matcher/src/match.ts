import { admitParks } from './admission.ts';
import { matchContext, type MatchContext, type ScoredPark } from './assess-park.ts';
import { catalogLookup } from './catalog-lookup.ts';
import type { LeadFacts, MatchFacts, RegisteredFacts } from './facts.ts';
import { profileLead } from './lead-profile.ts';
import { rankParks } from './ranking.ts';
import { renderMatch } from './render-match.ts';
import { suggestionFacts } from './suggestion-facts.ts';
import type { MatchCatalog, MatchLead, MatchOptions, MatchResult } from './types.ts';
import { RULES_VERSION } from './weights.ts';

const DEFAULT_TOP_N = 5;

/** Some park of the catalog declares a focus related to the lead's industry, whatever the lead's other needs. */
function anyFocusRelated({ kinships, tables }: MatchContext): boolean {
  return kinships.some((kinship, code) => kinship.best !== null && tables.index.byFocus[code]!.length > 0);
}

/** The classifier's judgement of the registered class, when the summary is to say which class was used. */
function registeredFacts({ classification }: MatchLead): RegisteredFacts | null {
  const { registered } = classification;
  if (!registered || registered.agreement === 'same') return null;
  const described = classification.standard[0];
  return {
    code: registered.code,
    agreement: registered.agreement,
    used: registered.used,
    described: described ? { code: described.code, confidence: described.confidence } : null,
  };
}

function leadFacts({ profile, regions }: MatchContext): LeadFacts {
  const { lead } = profile;
  return {
    unrecognisedIndustry: profile.codes.length === 0 ? lead.industry : null,
    uses: [...lead.uses],
    landM2: lead.landM2,
    buildingM2: lead.buildingM2,
    annualTaxWan: lead.annualTaxWan,
    investmentWan: lead.investmentWan,
    policyInterests: [...lead.policyInterests],
    regions: { recognised: regions.recognised.map((place) => place.text), ignored: [...regions.ignored] },
    registered: registeredFacts(lead),
  };
}

/**
 * Ranks the parks of the catalog for one lead: hard constraints first, then the weighted factors; finds
 * what the top N rest on, without wording it. Pure: no I/O, and time only as `options.now`.
 */
export function matchFacts(lead: MatchLead, catalog: MatchCatalog, options: MatchOptions): MatchFacts {
  const context = matchContext(profileLead(lead, catalog.taxonomy, options.now), catalog);
  const { parks, excluded } = admitParks(context);
  const { top, strongParks } = rankParks(parks, context, options.topN ?? DEFAULT_TOP_N);
  return rankingFacts(context, { top, strongParks, excluded, focusInCatalog: anyFocusRelated(context) });
}

/** How the parks ranked for one lead, and what the top N rest on. */
export interface Ranking {
  top: readonly ScoredPark[];
  /** Strong fits among all admitted parks. */
  strongParks: number;
  excluded: MatchFacts['excluded'];
  focusInCatalog: boolean;
}

export function rankingFacts(context: MatchContext, { top, strongParks, excluded, focusInCatalog }: Ranking): MatchFacts {
  const { profile, catalog } = context;
  return {
    rulesVersion: RULES_VERSION,
    catalogVersion: catalog.index.version,
    industryCodes: profile.codes.map(({ code, weight, matchedTerms }) => ({ code, weight, matchedTerms: [...matchedTerms] })),
    hasStrongFit: top.some((park) => park.fit === 'strong'),
    excluded,
    lead: leadFacts(context),
    summary: { strongParks, focusInCatalog },
    suggestions: top.map((park, i) => suggestionFacts(i + 1, park, context)),
  };
}

/** The ranked, explained suggestions: the facts of the match, worded. */
export function matchLead(lead: MatchLead, catalog: MatchCatalog, options: MatchOptions): MatchResult {
  return renderMatch(matchFacts(lead, catalog, options), catalogLookup(catalog));
}
