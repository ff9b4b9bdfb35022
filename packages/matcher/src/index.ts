export * from './types.ts';
export { matchLead } from './match.ts';
export { FACTOR_WEIGHTS, RULES_VERSION } from './weights.ts';
export { toMatchLead } from './from-lead.ts';
export { suggestionChanges, type SuggestionChanges } from './suggestion-changes.ts';
