import { admitParks } from './admission.ts';
import { matchContext, type MatchContext } from './assess-park.ts';
import { suggestion } from './explain.ts';
import { profileLead } from './lead-profile.ts';
import { rankParks } from './ranking.ts';
import { summarize, withRegisteredNote } from './summary.ts';
import type { MatchCatalog, MatchLead, MatchOptions, MatchResult } from './types.ts';
import { RULES_VERSION } from './weights.ts';

const DEFAULT_TOP_N = 5;

/** Some park of the catalog declares a focus related to the lead's industry, whatever the lead's other needs. */
function anyFocusRelated({ kinships, tables }: MatchContext): boolean {
  return kinships.some((kinship, code) => kinship.best !== null && tables.index.byFocus[code]!.length > 0);
}

/**
 * Ranks the parks of the catalog for one lead: hard constraints first, then the weighted factors;
 * explains only the top N. Pure: no I/O, and time only as `options.now`.
 */
export function matchLead(lead: MatchLead, catalog: MatchCatalog, options: MatchOptions): MatchResult {
  const profile = profileLead(lead, catalog.taxonomy, options.now);
  const context = matchContext(profile, catalog);
  const { parks, excluded } = admitParks(context);
  const { top, strongParks } = rankParks(parks, context, options.topN ?? DEFAULT_TOP_N);
  const suggestions = top.map((park, i) => suggestion(i + 1, park, context));
  return {
    rulesVersion: RULES_VERSION,
    catalogVersion: catalog.index.version,
    industryCodes: profile.codes.map(({ code, weight, matchedTerms }) => ({ code, weight, matchedTerms: [...matchedTerms] })),
    hasStrongFit: suggestions.some((s) => s.fit === 'strong'),
    summary: withRegisteredNote(
      summarize(profile, catalog.taxonomy, suggestions, strongParks, top[0]?.blockers ?? [], excluded, context.regions.ignored, anyFocusRelated(context)),
      profile,
    ),
    suggestions,
    excluded,
  };
}
