import type { IndustryMatch, Taxonomy } from '@leadmatch/catalog-core';
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
  /** Preferred regions as the lead wrote them, spaces trimmed and runs of them made one, duplicates dropped, in the lead's order. */
  preferences: string[];
  taxPerMuWan: number | null;
  investmentPerMuWan: number | null;
  /** `now` as an ISO date, to compare with policies' validFrom/validTo. */
  today: string;
  /** Policy instruments and products the lead's own text names. */
  instruments: NamedInstruments;
}

/** An amount (万元) per 亩 of the land need; null without a land need or an amount. */
export function perMuWan(landM2: number | null, wan: number | null): number | null {
  return landM2 !== null && landM2 > 0 && wan !== null ? wan / squareMetresToMu(landM2) : null;
}

export function profileLead(lead: MatchLead, taxonomy: Taxonomy, now: Date): LeadProfile {
  const small =
    (lead.employees !== null && lead.employees <= SMALL_LEAD_MAX_EMPLOYEES) ||
    (lead.buildingM2 !== null && lead.buildingM2 <= SMALL_LEAD_MAX_BUILDING_M2);
  return {
    lead,
    codes: lead.classification.matches.filter((match) => taxonomy.has(match.code)),
    earlyStage: lead.landM2 === null && small,
    preferences: [...new Set(lead.regions.map((region) => region.trim().replace(/\s+/g, ' ')).filter((region) => region !== ''))],
    taxPerMuWan: perMuWan(lead.landM2, lead.annualTaxWan),
    investmentPerMuWan: perMuWan(lead.landM2, lead.investmentWan),
    today: matchDay(now),
    instruments: namedInstruments([lead.industry, lead.notes ?? ''].join('\n')),
  };
}

/** The day a match is made on, as policies' validity is compared: the UTC date, `YYYY-MM-DD`. */
export function matchDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
