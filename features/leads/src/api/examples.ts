import { LeadInput, MatchInput } from '@leadmatch/domain';
import { bilingual } from '@leadmatch/http';

/**
 * Leads as a CRM sends them, for Swagger UI's "Try it out": the first one prefills the body. The
 * companies, contacts and credit code are made up (the phones are 138/139 0000 0000).
 */
export const LEAD_EXAMPLES = {
  biomedicine: {
    summary: bilingual('生物医药：抗体药物研发生产', 'Biomedicine: antibody drug R&D and production'),
    value: {
      externalId: 'CRM-2026-0417',
      company: { name: '苏州示例生物制药有限公司', creditCode: '91320594MA00000002' },
      contact: { name: '张先生', phone: '+86 138 0000 0000', email: 'zhang@example.com' },
      industry: '抗体药物研发生产',
      uses: ['rnd', 'pilot', 'production'],
      land: { area: 40, unit: 'mu' },
      building: { area: 12000, unit: 'm2', tenure: 'build' },
      annualTax: { amount: 2000, unit: 'wan_cny' },
      investment: { amount: 80000, unit: 'wan_cny' },
      employees: 300,
      regions: ['苏州'],
      policyInterests: ['financing', 'talent', 'subsidy'],
      notes: '需 GMP 洁净厂房和危化品仓库，计划 2027 年投产。',
    },
  },
  medicalDevice: {
    summary: bilingual('医疗器械：介入导管研发生产', 'Medical devices: interventional catheters'),
    value: {
      externalId: 'CRM-2026-0418',
      company: { name: '苏州示例医疗器械有限公司' },
      contact: { name: '李女士', phone: '+86 139 0000 0000' },
      industry: '高端医疗器械（介入导管）研发与生产',
      uses: ['production', 'rnd'],
      building: { area: 5000, unit: 'm2', tenure: 'rent' },
      annualTax: { amount: 800, unit: 'wan_cny' },
      employees: 120,
      regions: ['江苏省'],
      policyInterests: ['financing', 'scenario'],
      notes: '需万级洁净车间，希望一年内完成注册检验。',
    },
  },
} satisfies Record<string, { summary: string; value: LeadInput }>;

/** The lead body with the examples attached; validation ignores them, @fastify/swagger puts them on the request body. */
export const LeadInputWithExamples = { ...LeadInput, 'x-examples': LEAD_EXAMPLES };

/** The preview body, with the same examples. */
export const MatchInputWithExamples = { ...MatchInput, 'x-examples': LEAD_EXAMPLES };
