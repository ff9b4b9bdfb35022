import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { personalDataFor } from '@leadmatch/db';
import { normalizeLeadInput, type LeadInput } from '@leadmatch/domain';
import { leadColumns, sealedContactColumns, sealedNotesColumns } from '@leadmatch/leads';
import type { RequestSpec } from './load.ts';
import { ROOT } from './processes.ts';
import { BENCH_PII_KEY } from './services.ts';

/**
 * Realistic, varied bodies for POST /v1/leads and POST /v1/match: the needs of the evaluation leads
 * (tests/evaluation/leads.json: industries as companies write them in Simplified, Traditional and
 * English, their uses, areas, money, regions and policy interests), with areas and money jittered,
 * regions sometimes dropped or swapped, and a generated company, contact and mainland mobile number.
 * Deterministic for a given seed.
 */

type Language = 'zh-Hans' | 'zh-Hant' | 'en';
type Needs = Omit<LeadInput, 'externalId' | 'company' | 'contact' | 'notes'>;

interface EvaluationLead {
  language: Language;
  input: Needs;
}

const EVALUATION_LEADS = (
  JSON.parse(readFileSync(join(ROOT, 'tests/evaluation/leads.json'), 'utf8')) as { leads: EvaluationLead[] }
).leads;

const CITIES: Record<Language, string[]> = {
  'zh-Hans': ['苏州', '无锡', '南京', '青岛', '成都', '保定', '银川', '舟山', '常熟', '杭州', '合肥', '武汉'],
  'zh-Hant': ['蘇州', '無錫', '南京', '青島', '成都', '保定', '銀川', '舟山', '常熟', '杭州', '合肥', '武漢'],
  en: ['Suzhou', 'Wuxi', 'Nanjing', 'Qingdao', 'Chengdu', 'Baoding', 'Yinchuan', 'Zhoushan', 'Hangzhou', 'Hefei'],
};
const BRAND_SYLLABLES = ['瑞', '华', '博', '芯', '恒', '创', '源', '康', '泰', '智', '联', '达', '迈', '晶', '诺', '宏', '正', '科', '新', '航'];
const BRAND_SYLLABLES_HANT = ['瑞', '華', '博', '芯', '恆', '創', '源', '康', '泰', '智', '聯', '達', '邁', '晶', '諾', '宏', '正', '科', '新', '航'];
const TRADES: Record<Language, string[]> = {
  'zh-Hans': ['生物科技', '医疗器械', '微电子', '智能科技', '新材料', '信息技术', '精密制造', '新能源', '环保科技', '供应链管理'],
  'zh-Hant': ['生物科技', '醫療器械', '微電子', '智能科技', '新材料', '資訊科技', '精密製造', '新能源', '環保科技', '供應鏈管理'],
  en: ['Biotech', 'Medical Devices', 'Microelectronics', 'Intelligent Systems', 'Advanced Materials', 'Software', 'Precision Manufacturing', 'New Energy'],
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '涛', '明', '超', '婷', '鹏', '晨', '宇', '欣', '浩'];
const ENGLISH_NAMES = ['Li Wei', 'Zhang Min', 'Chen Jie', 'Wang Fang', 'Liu Yang', 'Emily Zhou', 'David Lin', 'Grace Huang'];
/** Prefixes libphonenumber accepts as mainland mobiles, also in E.164. */
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '177', '180', '181', '186', '187', '188', '189', '198', '199'];
const NOTES = ['客户已完成A轮融资，计划年内落地', '希望先租后买，三个月内决策', '关注人才公寓与子女入学', 'Referred by the provincial investment office', '需要双回路供电与危化品仓储'];

/** mulberry32: a small, fast PRNG, so a seed gives the same bodies on every run. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function leadBodyGenerator(seed: number): () => LeadInput {
  const random = randomSource(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const jitter = (value: number, decimals = 0) => {
    const factor = 10 ** decimals;
    return Math.max(1 / factor, Math.round(value * (0.7 + random() * 0.6) * factor) / factor);
  };
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

  const companyName = (language: Language) => {
    const city = pick(CITIES[language]);
    if (language === 'en') return `${city} ${pick(['Ruixin', 'Boyuan', 'Hengtai', 'Kangnuo', 'Zhida', 'Jingcheng'])} ${pick(TRADES.en)} Co., Ltd.`;
    const syllables = language === 'zh-Hant' ? BRAND_SYLLABLES_HANT : BRAND_SYLLABLES;
    return `${city}${pick(syllables)}${pick(syllables)}${pick(TRADES[language])}有限公司`;
  };
  const phone = () => {
    const number = `${pick(MOBILE_PREFIXES)}${digits(8)}`;
    if (chance(0.2)) return `+86${number}`;
    return chance(0.1) ? `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}` : number;
  };

  return () => {
    const base = pick(EVALUATION_LEADS);
    const { input } = base;
    const body: LeadInput = {
      company: { name: companyName(base.language) },
      contact: {
        name: base.language === 'en' && chance(0.5) ? pick(ENGLISH_NAMES) : `${pick(SURNAMES)}${pick(GIVEN)}${chance(0.5) ? pick(GIVEN) : ''}`,
        phone: phone(),
        ...(chance(0.4) ? { email: `contact${digits(5)}@example.cn` } : {}),
      },
      industry: input.industry,
      uses: input.uses,
    };
    if (input.land) body.land = { ...input.land, area: jitter(input.land.area, input.land.unit === 'ha' ? 1 : 0) };
    if (input.building) body.building = { ...input.building, area: jitter(input.building.area) };
    if (input.annualTax) body.annualTax = { ...input.annualTax, amount: jitter(input.annualTax.amount) };
    if (input.investment) body.investment = { ...input.investment, amount: jitter(input.investment.amount) };
    if (input.employees !== undefined) body.employees = Math.round(jitter(input.employees));
    const regions = chance(0.15) ? [pick(CITIES[base.language])] : chance(0.1) ? undefined : input.regions;
    if (regions) body.regions = regions;
    if (input.policyInterests) body.policyInterests = input.policyInterests;
    if (chance(0.2)) body.notes = pick(NOTES);
    return body;
  };
}

/** The bench's processes seal and open with this key, so rows written here read back there. */
const benchPersonalData = personalDataFor(Buffer.from(BENCH_PII_KEY, 'hex'));

/** A lead as the leads table stores it (contact sealed), via the service's own normalisation. */
export function leadRowValues(ownerKey: string, body: LeadInput) {
  const needs = normalizeLeadInput(body);
  return {
    owner_key: ownerKey,
    external_id: body.externalId ?? null,
    ...leadColumns(needs),
    ...sealedContactColumns(needs, benchPersonalData),
    notes_sealed: sealedNotesColumns(needs.notes, benchPersonalData).notes_sealed,
  };
}
export type LeadRowValues = ReturnType<typeof leadRowValues>;

const REQUEST_POOL = 4096;
/** How every serialised body begins (the generator puts the company first). */
const COMPANY_NAME_START = '{"company":{"name":"';

/**
 * Request bodies for autocannon, serialised ahead so building one costs the load generator next to
 * nothing. Each names a company of its own (dedup would otherwise link the pool's repeats to their
 * first lead); for POST /v1/leads, a share get a unique externalId (as a CRM sends) and a share a
 * unique Idempotency-Key header; `tag` keeps them unique across the run.
 */
export function leadRequests(
  seed: number,
  options: { tag: string; externalIdShare: number; idempotencyShare: number },
): () => RequestSpec {
  const next = leadBodyGenerator(seed);
  const random = randomSource(seed + 1);
  const bodies = Array.from({ length: REQUEST_POOL }, () => JSON.stringify(next()));
  let sequence = 0;
  return () => {
    sequence += 1;
    const pooled = bodies[sequence % REQUEST_POOL]!;
    const body = `${COMPANY_NAME_START}${options.tag}-${sequence} ${pooled.slice(COMPANY_NAME_START.length)}`;
    const withExternalId = random() < options.externalIdShare;
    return {
      body: withExternalId ? `{"externalId":"${options.tag}-${sequence}",${body.slice(1)}` : body,
      ...(random() < options.idempotencyShare ? { headers: { 'idempotency-key': `${options.tag}-${sequence}` } } : {}),
    };
  };
}
