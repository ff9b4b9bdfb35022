import type { CarrierType, ClusterFact, PlatformType, PolicyKind } from '@leadmatch/domain';

/** Words for generated names and labels, in the seeds' Simplified Chinese. */

export const CARRIER_TYPE_LABELS: Readonly<Record<CarrierType, string>> = {
  land: '工业用地',
  'standard-factory': '标准厂房',
  'rnd-building': '研发楼',
  lab: '实验室',
  'pilot-base': '中试基地',
  office: '写字楼',
  incubator: '孵化器',
  warehouse: '仓储物流用房',
};

export const POLICY_KIND_LABELS: Readonly<Record<PolicyKind, { name: string; benefit: string }>> = {
  financing: { name: '融资支持', benefit: '对符合条件的企业提供贷款贴息和风险补偿' },
  talent: { name: '人才引进', benefit: '对引进的高层次人才给予安家补贴和子女入学便利' },
  ip: { name: '知识产权', benefit: '对发明专利授权和知识产权质押融资给予资助' },
  subsidy: { name: '研发补贴', benefit: '按研发投入的一定比例给予补贴' },
  listing: { name: '上市培育', benefit: '对完成股改、申报和上市的企业分阶段给予奖励' },
  scenario: { name: '场景开放', benefit: '定期发布应用场景清单，支持新产品首试首用' },
  tax: { name: '税收奖励', benefit: '对年纳税额达到门槛的企业按地方留成部分给予奖励' },
  land: { name: '用地保障', benefit: '对亩均投资和亩均税收达标的项目优先保障用地' },
};

export const PLATFORM_TYPE_LABELS: Readonly<Record<PlatformType, string>> = {
  'testing-registration': '检测与注册服务平台',
  cdmo: 'CDMO 平台',
  incubator: '孵化平台',
  fund: '产业基金',
  'public-tech': '公共技术服务平台',
  'research-institute': '新型研发机构',
  'service-centre': '产业服务中心',
};

export const METRIC_LABELS: Readonly<Record<ClusterFact['metric'], string>> = {
  enterprises: '集聚企业',
  output: '产业产值',
  ranking: '产业排名',
  'national-platform': '国家级平台',
  designation: '国家级称号',
  'listed-companies': '上市企业',
  investment: '累计投资',
  financing: '企业融资',
  talent: '集聚人才',
  'rnd-intensity': '研发投入强度',
  registrations: '产品注册证',
  other: '其他集群事实',
};
