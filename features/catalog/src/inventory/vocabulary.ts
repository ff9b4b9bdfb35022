import {
  CARRIER_STATUSES,
  CARRIER_TENURES,
  CARRIER_TYPES,
  QUALIFIERS,
  type CarrierStatus,
  type CarrierTenure,
  type CarrierType,
} from '@leadmatch/domain';

/**
 * The words desks write in an inventory for each closed value, besides the value itself: what a
 * 载体清单 says in its type, status, tenure, unit and qualifier columns.
 */
const TYPE_WORDS: Record<CarrierType, string[]> = {
  land: ['土地', '地块', '用地', '工业用地', '产业用地'],
  'standard-factory': ['标准厂房', '厂房', '标准化厂房'],
  'rnd-building': ['研发楼', '研发楼宇', '研发用房', '研发办公'],
  lab: ['实验室', '实验楼'],
  'pilot-base': ['中试基地', '中试', '中试平台'],
  office: ['写字楼', '办公', '办公楼', '办公楼宇', '商务楼宇'],
  incubator: ['孵化器', '众创空间', '加速器'],
  warehouse: ['仓库', '仓储', '物流仓储'],
};
const STATUS_WORDS: Record<CarrierStatus, string[]> = {
  available: ['可用', '可租售', '可租', '可售', '空置', '待租', '待售', '招商中'],
  operating: ['已运营', '运营中', '已满租', '已入驻'],
  'under-construction': ['在建', '建设中'],
  planned: ['规划中', '规划', '拟建'],
  unknown: ['未知', '不详'],
};
const TENURE_WORDS: Record<CarrierTenure, string[]> = {
  rent: ['出租', '租赁', '租', '可租'],
  sale: ['出售', '销售', '售', '可售', '转让', '出让'],
};
const UNIT_WORDS = { mu: ['亩'], m2: ['平方米', '㎡', 'm²', '平米', 'sqm'] } as const;
const QUALIFIER_WORDS: Record<(typeof QUALIFIERS)[number], string[]> = {
  exact: ['精确', '确切', '准确'],
  over: ['以上', '超过', '大于', '逾'],
  about: ['约', '大约', '左右', '约合'],
  under: ['以下', '不超过', '小于', '不足'],
};

function lookup<T extends string>(values: readonly T[], words: Record<T, readonly string[]>): (text: string) => T | undefined {
  const byWord = new Map<string, T>();
  for (const value of values) for (const word of [value, ...words[value]]) byWord.set(word.toLowerCase(), value);
  return (text) => byWord.get(text.trim().toLowerCase());
}

export const carrierTypeOf = lookup(CARRIER_TYPES, TYPE_WORDS);
export const carrierStatusOf = lookup(CARRIER_STATUSES, STATUS_WORDS);
export const qualifierOf = lookup(QUALIFIERS, QUALIFIER_WORDS);
export const areaUnitOf = lookup(['mu', 'm2'] as const, UNIT_WORDS);
const tenureOf = lookup(CARRIER_TENURES, TENURE_WORDS);

/** 出租、出售 / rent, sale / 租售: the tenures a cell names, or undefined when a word is not one. */
export function tenuresOf(text: string): CarrierTenure[] | undefined {
  const words = text.split(/[,，、/;；\s]+/).filter(Boolean);
  const tenures = words.flatMap((word) => (['租售', '可租可售', '租售均可'].includes(word) ? (['rent', 'sale'] as const) : [tenureOf(word)]));
  if (tenures.length === 0 || tenures.some((tenure) => tenure === undefined)) return undefined;
  return CARRIER_TENURES.filter((tenure) => tenures.includes(tenure));
}

/** The accepted words of a vocabulary, for templates and problem messages. */
export const ACCEPTED_WORDS = {
  type: CARRIER_TYPES.map((type) => `${TYPE_WORDS[type][0]} ${type}`),
  status: CARRIER_STATUSES.map((status) => `${STATUS_WORDS[status][0]} ${status}`),
  tenure: ['出租 rent', '出售 sale', '租售 rent,sale'],
  unit: ['亩 mu', '平方米 m2'],
  qualifier: QUALIFIERS.map((qualifier) => `${QUALIFIER_WORDS[qualifier][0]} ${qualifier}`),
};

/** The first word of each value: how the template and the examples write it. */
export const wordOf = {
  type: (type: CarrierType) => TYPE_WORDS[type][0]!,
  status: (status: CarrierStatus) => STATUS_WORDS[status][0]!,
  tenure: (tenure: CarrierTenure) => TENURE_WORDS[tenure][0]!,
  unit: (unit: keyof typeof UNIT_WORDS) => UNIT_WORDS[unit][0],
  qualifier: (qualifier: (typeof QUALIFIERS)[number]) => QUALIFIER_WORDS[qualifier][0]!,
};
