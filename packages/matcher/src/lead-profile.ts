import type { IndustryMatch, Taxonomy } from '@leadmatch/catalog-core';
import { readPreference } from '@leadmatch/catalog-core';
import { squareMetresToMu } from '@leadmatch/domain';
import { namedInstruments, type NamedInstruments } from './policy-instruments.ts';
import type { MatchLead } from './types.ts';
import { SMALL_LEAD_MAX_BUILDING_M2, SMALL_LEAD_MAX_EMPLOYEES } from './weights.ts';

/** What the factors read from a lead, worked out once per match. */
export interface LeadProfile {
  lead: MatchLead;
  /** The classified codes the catalog's taxonomy knows, heaviest first. */
  codes: IndustryMatch[];
  /** No land need, and few employees or little floor space: served by incubators whatever its uses. */
  earlyStage: boolean;
  /** Preferred regions as `readPreference` gives them, duplicates dropped, in the lead's order. */
  preferences: string[];
  taxPerMuWan: number | null;
  investmentPerMuWan: number | null;
  /** `now` as an ISO date, to compare with policies' validFrom/validTo. */
  today: string;
  /** Policy instruments and products the lead's own text names. */
  instruments: NamedInstruments;
}

export function profileLead(lead: MatchLead, taxonomy: Taxonomy, now: Date): LeadProfile {
  const landMu = lead.landM2 !== null && lead.landM2 > 0 ? squareMetresToMu(lead.landM2) : null;
  const perMu = (wan: number | null) => (landMu !== null && wan !== null ? wan / landMu : null);
  const small =
    (lead.employees !== null && lead.employees <= SMALL_LEAD_MAX_EMPLOYEES) ||
    (lead.buildingM2 !== null && lead.buildingM2 <= SMALL_LEAD_MAX_BUILDING_M2);
  return {
    lead,
    codes: lead.classification.matches.filter((match) => taxonomy.has(match.code)),
    earlyStage: lead.landM2 === null && small,
    preferences: [...new Set(lead.regions.map(readPreference).filter((region) => region !== ''))],
    taxPerMuWan: perMu(lead.annualTaxWan),
    investmentPerMuWan: perMu(lead.investmentWan),
    today: now.toISOString().slice(0, 10),
    instruments: namedInstruments([lead.industry, lead.notes ?? ''].join('\n')),
  };
}
