import { toSimplified } from './chinese.ts';
import type { LeadView } from './lead-view.ts';
import type { LeadInput, LeadPatch, LeadStatus, LeadUse, MatchInput, PolicyInterest, Tenure } from './lead.ts';
import { normalizePhone } from './phone.ts';
import { roundTo, squareMetresToMu, toSquareMetres, toWanCny } from './units.ts';

/** A lead's needs in canonical units (m², 万元) and Simplified Chinese. */
export interface LeadNeeds {
  companyName: string | null;
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  industry: string;
  /** The GB/T 4754-2017 class the company is registered under, when the CRM gives it. */
  industryCode: string | null;
  uses: LeadUse[];
  landM2: number | null;
  buildingM2: number | null;
  buildingTenure: Tenure | null;
  annualTaxWan: number | null;
  investmentWan: number | null;
  employees: number | null;
  regions: string[];
  policyInterests: PolicyInterest[];
  notes: string | null;
}

export const CLOSE_OUTCOMES = ['won', 'lost', 'withdrawn'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export interface LeadRecord extends LeadNeeds {
  id: string;
  ownerKey: string;
  externalId: string | null;
  status: LeadStatus;
  /** Why matching failed, when it did. */
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  erasedAt: Date | null;
  /** GB/T 4754-2017 codes the lead was classified as at its latest match, the answer first; empty until matched. */
  industryCodes: string[];
  /** Set while the lead is closed (absent or null: open); its personal data is erased once it has been closed long enough. */
  closedAt?: Date | null;
  outcome?: CloseOutcome | null;
  closeNote?: string | null;
}

/**
 * The company name as dedup compares it: NFKC (full-width letters and brackets become half-width),
 * Simplified, lower-case, without spaces, punctuation or brackets.
 */
export function companyKey(name: string): string {
  return toSimplified(name.normalize('NFKC')).toLowerCase().replace(/[\p{P}\p{Z}\s]/gu, '');
}

type AreaInput = NonNullable<LeadInput['land']>;
type MoneyInput = NonNullable<LeadInput['annualTax']>;

const areaM2 = (need: AreaInput | null | undefined) => (need ? toSquareMetres(need.area, need.unit) : null);
const moneyWan = (money: MoneyInput | null | undefined) => (money ? toWanCny(money.amount, money.unit) : null);
const simplifiedList = (items: string[]) => [...new Set(items.map((item) => toSimplified(item.trim())))];

/** Phone formats are validated by the schema before this runs; a failure here is a programming error. */
function canonicalPhone(phone: string): string {
  const normalized = normalizePhone(phone);
  if (!normalized) throw new Error('phone passed validation but cannot be normalised');
  return normalized;
}

function companyAndContact(input: Pick<LeadInput, 'company' | 'contact'>) {
  return {
    companyName: input.company.name.trim(),
    creditCode: input.company.creditCode ?? null,
    contactName: input.contact.name.trim(),
    contactPhone: canonicalPhone(input.contact.phone),
    contactEmail: input.contact.email?.toLowerCase() ?? null,
  };
}

/** What matching reads of a lead: its needs without who the company is or whom to call. */
export type MatchNeeds = Omit<LeadNeeds, 'companyName' | 'creditCode' | 'contactName' | 'contactPhone' | 'contactEmail'>;

export function normalizeLeadInput(input: LeadInput): LeadNeeds {
  return { ...companyAndContact(input), ...normalizeMatchInput(input) };
}

export function normalizeMatchInput(input: MatchInput): MatchNeeds {
  return {
    industry: toSimplified(input.industry.trim()),
    industryCode: input.industryCode ?? null,
    uses: [...new Set(input.uses)],
    landM2: areaM2(input.land),
    buildingM2: areaM2(input.building),
    buildingTenure: input.building?.tenure ?? null,
    annualTaxWan: moneyWan(input.annualTax),
    investmentWan: moneyWan(input.investment),
    employees: input.employees ?? null,
    regions: simplifiedList(input.regions ?? []),
    policyInterests: [...new Set(input.policyInterests ?? [])],
    notes: input.notes === undefined ? null : toSimplified(input.notes.trim()),
  };
}

/** Only the fields the patch names; `null` clears. */
export function normalizeLeadPatch(patch: LeadPatch): Partial<LeadNeeds> {
  const changes: Partial<LeadNeeds> = {};
  if (patch.company) Object.assign(changes, { companyName: patch.company.name.trim(), creditCode: patch.company.creditCode ?? null });
  if (patch.contact) {
    const { contactName, contactPhone, contactEmail } = companyAndContact({ company: { name: '-' }, contact: patch.contact });
    Object.assign(changes, { contactName, contactPhone, contactEmail });
  }
  if (patch.industry !== undefined) changes.industry = toSimplified(patch.industry.trim());
  if (patch.industryCode !== undefined) changes.industryCode = patch.industryCode;
  if (patch.uses !== undefined) changes.uses = [...new Set(patch.uses)];
  if (patch.land !== undefined) changes.landM2 = areaM2(patch.land);
  if (patch.building !== undefined) {
    changes.buildingM2 = areaM2(patch.building);
    changes.buildingTenure = patch.building?.tenure ?? null;
  }
  if (patch.annualTax !== undefined) changes.annualTaxWan = moneyWan(patch.annualTax);
  if (patch.investment !== undefined) changes.investmentWan = moneyWan(patch.investment);
  if (patch.employees !== undefined) changes.employees = patch.employees;
  if (patch.regions !== undefined) changes.regions = simplifiedList(patch.regions);
  if (patch.policyInterests !== undefined) changes.policyInterests = [...new Set(patch.policyInterests)];
  if (patch.notes !== undefined) changes.notes = patch.notes === null ? null : toSimplified(patch.notes.trim());
  return changes;
}

const area = (m2: number) => ({ m2: roundTo(m2, 2), mu: roundTo(squareMetresToMu(m2), 2) });
const money = (wan: number | null) => (wan === null ? null : { wanCny: roundTo(wan, 4) });

export function toLeadView(lead: LeadRecord): LeadView {
  return {
    id: lead.id,
    externalId: lead.externalId,
    status: lead.status,
    statusReason: lead.statusReason,
    company: { name: lead.companyName, creditCode: lead.creditCode },
    contact: { name: lead.contactName, phone: lead.contactPhone, email: lead.contactEmail },
    industry: lead.industry,
    industryCode: lead.industryCode,
    industryCodes: lead.industryCodes,
    uses: lead.uses,
    land: lead.landM2 === null ? null : area(lead.landM2),
    building:
      lead.buildingM2 === null || lead.buildingTenure === null
        ? null
        : { ...area(lead.buildingM2), tenure: lead.buildingTenure },
    annualTax: money(lead.annualTaxWan),
    investment: money(lead.investmentWan),
    employees: lead.employees,
    regions: lead.regions,
    policyInterests: lead.policyInterests,
    notes: lead.notes,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
    erasedAt: lead.erasedAt?.toISOString() ?? null,
    closedAt: lead.closedAt?.toISOString() ?? null,
    outcome: lead.outcome ?? null,
    closeNote: lead.closeNote ?? null,
  };
}
