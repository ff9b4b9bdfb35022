import type { CarrierStatus, CarrierTenure, CarrierType, FocusLevel, LeadUse, PlatformType, PolicyKind } from '@leadmatch/domain';

/** Words the explanations use for the catalog's and the lead's enumerations. */
export interface Label {
  zh: string;
  en: string;
}

export const USE_LABELS: Readonly<Record<LeadUse, Label>> = {
  production: { zh: '生产', en: 'production' },
  rnd: { zh: '研发', en: 'R&D' },
  lab: { zh: '实验室', en: 'lab' },
  pilot: { zh: '中试', en: 'pilot production' },
  office: { zh: '办公', en: 'office' },
  warehouse: { zh: '仓储', en: 'warehousing' },
  headquarters: { zh: '总部', en: 'headquarters' },
};

export const CARRIER_TYPE_LABELS: Readonly<Record<CarrierType, Label>> = {
  land: { zh: '土地', en: 'land' },
  'standard-factory': { zh: '标准厂房', en: 'standard factory' },
  'rnd-building': { zh: '研发楼宇', en: 'R&D building' },
  lab: { zh: '实验室', en: 'lab space' },
  'pilot-base': { zh: '中试基地', en: 'pilot base' },
  office: { zh: '办公楼宇', en: 'office space' },
  incubator: { zh: '孵化器', en: 'incubator' },
  warehouse: { zh: '仓库', en: 'warehouse' },
};

export const TENURE_LABELS: Readonly<Record<CarrierTenure, Label>> = {
  rent: { zh: '出租', en: 'for rent' },
  sale: { zh: '出售', en: 'for sale' },
};

export const STATUS_LABELS: Readonly<Record<CarrierStatus, Label>> = {
  available: { zh: '可用', en: 'available' },
  operating: { zh: '已运营', en: 'operating' },
  'under-construction': { zh: '在建', en: 'under construction' },
  planned: { zh: '规划中', en: 'planned' },
  unknown: { zh: '状态未知', en: 'status unknown' },
};

export const POLICY_KIND_LABELS: Readonly<Record<PolicyKind, Label>> = {
  financing: { zh: '融资', en: 'financing' },
  talent: { zh: '人才', en: 'talent' },
  ip: { zh: '知识产权', en: 'IP' },
  subsidy: { zh: '资金补贴', en: 'subsidy' },
  listing: { zh: '上市', en: 'listing' },
  scenario: { zh: '应用场景', en: 'application scenarios' },
  tax: { zh: '税收', en: 'tax' },
  land: { zh: '用地', en: 'land' },
};

export const PLATFORM_TYPE_LABELS: Readonly<Record<PlatformType, Label>> = {
  'testing-registration': { zh: '检测注册', en: 'testing and registration' },
  cdmo: { zh: '合同研发生产', en: 'CDMO' },
  incubator: { zh: '孵化', en: 'incubation' },
  fund: { zh: '基金', en: 'fund' },
  'public-tech': { zh: '公共技术服务', en: 'public technology services' },
  'research-institute': { zh: '研究院所', en: 'research institute' },
  'service-centre': { zh: '服务中心', en: 'service centre' },
};

export const FOCUS_LABELS: Readonly<Record<FocusLevel, Label>> = {
  lead: { zh: '主导产业', en: 'lead focus' },
  secondary: { zh: '重点发展产业', en: 'secondary focus' },
};
