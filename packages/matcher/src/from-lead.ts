import type { Classification } from '@leadmatch/catalog-core';
import type { MatchNeeds } from '@leadmatch/domain';
import type { MatchLead } from './types.ts';

/** A stored or posted lead's needs as the matcher reads them; the classifier is passed in. */
export function toMatchLead(needs: MatchNeeds, classify: (text: string, registeredCode: string | null) => Classification): MatchLead {
  return {
    industry: needs.industry,
    classification: classify(needs.industry, needs.industryCode),
    uses: needs.uses,
    landM2: needs.landM2,
    buildingM2: needs.buildingM2,
    buildingTenure: needs.buildingTenure,
    annualTaxWan: needs.annualTaxWan,
    investmentWan: needs.investmentWan,
    employees: needs.employees,
    regions: needs.regions,
    policyInterests: needs.policyInterests,
    notes: needs.notes,
  };
}
