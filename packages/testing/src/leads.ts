import { randomInt, randomUUID } from 'node:crypto';

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A random 统一社会信用代码 with a correct check character (GB 32100-2015). */
export function randomCreditCode(): string {
  const chars = Array.from({ length: 9 }, () => CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)]).join('');
  const body = `91${String(randomInt(100000, 999999))}${chars}`;
  const sum = [...body].reduce((total, char, i) => total + CREDIT_CODE_CHARSET.indexOf(char) * CREDIT_CODE_WEIGHTS[i]!, 0);
  return `${body}${CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]}`;
}

/** A complete lead of a company of its own (name and credit code), so dedup links it to no other lead. */
export function validLead(overrides: Record<string, unknown> = {}) {
  return {
    externalId: `CRM-${Math.random().toString(36).slice(2, 10)}`,
    company: { name: `苏州示例生物科技有限公司 ${randomUUID().slice(0, 8)}`, creditCode: randomCreditCode() },
    contact: { name: '张伟', phone: '13812345678', email: 'Zhang.Wei@example.com' },
    industry: '抗体药物研发与生产',
    uses: ['production', 'rnd'],
    land: { area: 50, unit: 'mu' },
    building: { area: 5000, unit: 'm2', tenure: 'rent' },
    annualTax: { amount: 2000, unit: 'wan_cny' },
    investment: { amount: 50000, unit: 'wan_cny' },
    employees: 200,
    regions: ['苏州'],
    policyInterests: ['financing'],
    notes: '希望年内投产',
    ...overrides,
  };
}
