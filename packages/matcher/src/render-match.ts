import type { CatalogLookup } from './catalog-lookup.ts';
import type { MatchFacts } from './facts.ts';
import type { RenderContext, RenderOptions } from './render/context.ts';
import { renderSuggestion } from './render/suggestion.ts';
import { summary } from './render/summary.ts';
import type { MatchResult } from './types.ts';

/**
 * The explained result of a match, worded from its facts and the documents they name (those of the
 * catalog version the facts were found in; see `referencedIds`). Pure.
 */
export function renderMatch(facts: MatchFacts, lookup: CatalogLookup, options: RenderOptions = {}): MatchResult {
  const context: RenderContext = { facts, lookup, brief: options.brief ?? false };
  const suggestions = facts.suggestions.map((suggestion) => renderSuggestion(suggestion, context));
  return {
    rulesVersion: facts.rulesVersion,
    catalogVersion: facts.catalogVersion,
    industryCodes: facts.industryCodes.map(({ code, weight, matchedTerms }) => ({ code, weight, matchedTerms: [...matchedTerms] })),
    hasStrongFit: facts.hasStrongFit,
    summary: summary(suggestions, context),
    suggestions,
    excluded: facts.excluded.map(({ constraint, parks }) => ({ constraint, parks })),
  };
}
