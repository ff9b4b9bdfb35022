import type { Static } from 'typebox';
import type { Language } from '@leadmatch/http';
import type { MatchResult, Reason, Suggestion } from '@leadmatch/matcher';
import type { MatchResult as MatchResultSchema } from './schemas.ts';

/** brief: what a person reads (the first few parks, carriers, policies, platforms and sources); full: everything the match found. */
export const DETAILS = ['brief', 'full'] as const;
export type Detail = (typeof DETAILS)[number];

export interface ViewOptions {
  detail: Detail;
  languages: readonly Language[];
}

export type MatchResultView = Static<typeof MatchResultSchema>;

/** Parks a brief answer suggests, and carriers, policies and platforms a brief suggestion lists: the first, as the matcher orders them. */
export const BRIEF_LISTED = 3;

function words<T extends { zh: string; en: string }>(text: T, languages: readonly Language[]): Partial<Pick<T, 'zh' | 'en'>> {
  return Object.fromEntries(languages.map((language) => [language, text[language]]));
}

/**
 * A brief answer words only the factors that were judged (a null score already says the catalog knows
 * too little, and counts as neutral) and leaves the sources to `detail=full`, counting them.
 */
function reasonView(reason: Reason, { detail, languages }: ViewOptions) {
  const { zh, en, evidence, ...facts } = reason;
  const worded = detail === 'full' || reason.score !== null;
  return {
    ...facts,
    ...(worded && words({ zh, en }, languages)),
    evidence: detail === 'full' ? evidence : [],
    evidenceTotal: evidence.length,
  };
}

function suggestionView(suggestion: Suggestion, options: ViewOptions) {
  const listed = <T>(items: T[]) => (options.detail === 'full' ? items : items.slice(0, BRIEF_LISTED));
  const { carriers, policies, platforms, reasons } = suggestion;
  return {
    ...suggestion,
    carriers: listed(carriers),
    policies: listed(policies),
    platforms: listed(platforms),
    totals: { carriers: carriers.length, policies: policies.length, platforms: platforms.length },
    reasons: reasons.map((reason) => reasonView(reason, options)),
  };
}

/** A match result as one answer shows it: brief or full, in the languages asked for. */
export function resultView(result: MatchResult, options: ViewOptions): MatchResultView {
  const suggestions = options.detail === 'full' ? result.suggestions : result.suggestions.slice(0, BRIEF_LISTED);
  return {
    ...result,
    summary: words(result.summary, options.languages),
    suggestions: suggestions.map((suggestion) => suggestionView(suggestion, options)),
    suggestionsTotal: result.suggestions.length,
  };
}
