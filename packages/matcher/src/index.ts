export * from './types.ts';
export type * from './facts.ts';
export { matchFacts, matchLead } from './match.ts';
export { renderMatch } from './render-match.ts';
export { catalogLookup, type CatalogLookup } from './catalog-lookup.ts';
export { referencedIds, type ReferencedIds } from './referenced-ids.ts';
export { FACTOR_WEIGHTS, RULES_VERSION } from './weights.ts';
export { toMatchLead } from './from-lead.ts';
export { suggestionChanges, type SuggestionChanges } from './suggestion-changes.ts';
