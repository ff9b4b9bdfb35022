import { LeadInput } from '@leadmatch/domain';
import type { FieldHeader } from '@leadmatch/spreadsheets';

/**
 * The ledger's columns: one per leaf field of `LeadInput` (the body of POST /v1/leads), named by its
 * JSON path (`company.name`), which is also the column's English header. This table adds only what
 * a spreadsheet needs on top of the schema: the Chinese header (and other names desks use), the
 * Chinese names of enum values, a unit to assume when the cell is left blank, and the notes and
 * example of the template. Which fields exist, their types and which are required come from the
 * schema (see `LEDGER_COLUMNS`); a field added to the schema without a row here fails at start-up.
 */
interface ColumnSpec {
  zh: string;
  /** More header texts that name the column (compared without case or spaces). */
  aliases?: string[];
  /** Chinese (and other) names of enum values, lower case → the schema's value. */
  values?: Record<string, string>;
  /** The value assumed when the cell is blank but its group has a value (a unit next to an area). */
  default?: string;
  noteZh: string;
  noteEn: string;
  example: string | number;
}

const USES = { 生产: 'production', 制造: 'production', 研发: 'rnd', 实验室: 'lab', 中试: 'pilot', 办公: 'office', 仓储: 'warehouse', 仓库: 'warehouse', 物流: 'warehouse', 总部: 'headquarters' };
const AREA_UNITS = { 亩: 'mu', 平方米: 'm2', 平米: 'm2', '㎡': 'm2', 'm²': 'm2', 公顷: 'ha' };
const MONEY_UNITS = { 万元: 'wan_cny', 万: 'wan_cny', 元: 'cny' };
const TENURES = { 租赁: 'rent', 租: 'rent', 租用: 'rent', 购买: 'buy', 买: 'buy', 自建: 'build', 建设: 'build', 均可: 'any', 不限: 'any' };
const POLICIES = { 融资: 'financing', 人才: 'talent', 知识产权: 'ip', 补贴: 'subsidy', 补助: 'subsidy', 上市: 'listing', 应用场景: 'scenario', 场景: 'scenario', 税收: 'tax', 税收优惠: 'tax' };

const SPECS: Record<string, ColumnSpec> = {
  externalId: {
    zh: '外部编号',
    aliases: ['台账编号', '线索编号'],
    noteZh: '台账或 CRM 中的编号，同一密钥内唯一；再次导入同一编号会更新该线索（需求未变则不动）。可留空。',
    noteEn: "The ledger's or CRM's own id, unique per API key; importing it again updates that lead (or leaves it alone if nothing changed). Optional.",
    example: 'TZ-2026-0001',
  },
  'company.name': { zh: '企业名称', aliases: ['公司名称'], noteZh: '工商登记的企业全称（必填）。', noteEn: 'Registered company name (required).', example: '苏州示例精密机械有限公司' },
  'company.creditCode': {
    zh: '统一社会信用代码',
    aliases: ['信用代码'],
    noteZh: '18 位统一社会信用代码，校验位须正确。可留空。',
    noteEn: '18-character unified social credit code with a valid check character. Optional.',
    example: '91320500MA00000010',
  },
  'contact.name': { zh: '联系人', noteZh: '联系人姓名（必填）。', noteEn: 'Contact name (required).', example: '王先生' },
  'contact.phone': {
    zh: '联系电话',
    aliases: ['手机', '手机号', '联系人手机'],
    noteZh: '大陆手机号（11 位）或 +852… 这样的国际号码（必填）。',
    noteEn: 'Mainland mobile (11 digits) or E.164 such as +85291234567 (required).',
    example: '13800000000',
  },
  'contact.email': { zh: '电子邮箱', aliases: ['邮箱'], noteZh: '可留空。', noteEn: 'Optional.', example: 'wang@example.com' },
  industry: {
    zh: '行业',
    aliases: ['所属行业', '产业'],
    noteZh: '行业或主营业务的文字描述（必填），中文或英文。',
    noteEn: 'Industry or main business in words (required), Chinese or English.',
    example: '精密零部件加工',
  },
  industryCode: {
    zh: '行业代码',
    aliases: ['国民经济行业代码'],
    noteZh: '营业执照上的国民经济行业分类（GB/T 4754-2017）小类代码，如 C3441。可留空。',
    noteEn: 'GB/T 4754-2017 class on the business licence, e.g. C3441. Optional.',
    example: 'C3484',
  },
  uses: {
    zh: '用途',
    values: USES,
    noteZh: '生产、研发、实验室、中试、办公、仓储、总部，可填多个，用逗号或顿号分隔（必填）。',
    noteEn: 'production, rnd, lab, pilot, office, warehouse, headquarters; several separated by commas (required).',
    example: '生产，研发',
  },
  'land.area': { zh: '用地面积', aliases: ['用地'], noteZh: '需要的土地面积，单位见下一列。可留空。', noteEn: 'Land needed, in the unit of the next column. Optional.', example: 30 },
  'land.unit': {
    zh: '用地面积单位',
    aliases: ['用地单位'],
    values: AREA_UNITS,
    default: 'mu',
    noteZh: '亩、平方米或公顷；留空按亩。',
    noteEn: 'mu (亩), m2 or ha; blank means mu.',
    example: '亩',
  },
  'building.area': { zh: '建筑面积', aliases: ['厂房面积'], noteZh: '需要的厂房或办公面积。可留空。', noteEn: 'Floor space needed. Optional.', example: 5000 },
  'building.unit': {
    zh: '建筑面积单位',
    values: AREA_UNITS,
    default: 'm2',
    noteZh: '平方米、亩或公顷；留空按平方米。',
    noteEn: 'm2, mu or ha; blank means m2.',
    example: '平方米',
  },
  'building.tenure': {
    zh: '取得方式',
    aliases: ['租售方式'],
    values: TENURES,
    default: 'any',
    noteZh: '租赁、购买、自建或均可；留空为均可。',
    noteEn: 'rent, buy, build or any; blank means any.',
    example: '租赁',
  },
  'annualTax.amount': { zh: '预计年税收', aliases: ['税收', '年税收'], noteZh: '达产后预计年纳税额。可留空。', noteEn: 'Expected annual tax once running. Optional.', example: 800 },
  'annualTax.unit': {
    zh: '税收单位',
    values: MONEY_UNITS,
    default: 'wan_cny',
    noteZh: '万元或元；留空按万元。',
    noteEn: 'wan_cny (万元) or cny; blank means 万元.',
    example: '万元',
  },
  'investment.amount': { zh: '计划投资额', aliases: ['投资额', '总投资'], noteZh: '计划总投资。可留空。', noteEn: 'Planned investment. Optional.', example: 20000 },
  'investment.unit': {
    zh: '投资额单位',
    aliases: ['投资单位'],
    values: MONEY_UNITS,
    default: 'wan_cny',
    noteZh: '万元或元；留空按万元。',
    noteEn: 'wan_cny (万元) or cny; blank means 万元.',
    example: '万元',
  },
  employees: { zh: '员工人数', aliases: ['人数', '用工人数'], noteZh: '预计用工人数（整数）。可留空。', noteEn: 'Expected headcount (whole number). Optional.', example: 150 },
  regions: {
    zh: '意向区域',
    aliases: ['意向地区'],
    noteZh: '意向的省、市、区县，可填多个，用逗号或顿号分隔。可留空。',
    noteEn: 'Preferred provinces, cities or districts, several separated by commas. Optional.',
    example: '苏州、昆山',
  },
  policyInterests: {
    zh: '关注政策',
    values: POLICIES,
    noteZh: '融资、人才、知识产权、补贴、上市、应用场景、税收，可填多个。可留空。',
    noteEn: 'financing, talent, ip, subsidy, listing, scenario, tax; several separated by commas. Optional.',
    example: '人才、补贴',
  },
  notes: { zh: '备注', noteZh: '其他说明。可留空。', noteEn: 'Anything else. Optional.', example: '希望年内开工' },
};

export type ColumnKind = 'text' | 'number' | 'integer' | 'list';

export interface LedgerColumn extends ColumnSpec {
  /** The field's JSON path in the lead (`company.name`): its English header. */
  path: string;
  /** Its JSON pointer (`/company/name`), as validation names it. */
  pointer: string;
  kind: ColumnKind;
  /** Required whenever a row is given (its object and the field itself are required). */
  required: boolean;
  /** Required once another field of its object is given (`land.unit` when `land.area` is). */
  requiredInGroup: boolean;
}

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
}

/** The leaves of an object schema, depth first in the schema's order. */
function leaves(schema: SchemaNode, prefix: string[], required: boolean): Omit<LedgerColumn, keyof ColumnSpec>[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => {
    const path = [...prefix, name];
    const childRequired = (schema.required ?? []).includes(name);
    if (child.type === 'object' && child.properties) return leaves(child, path, required && childRequired);
    const type = Array.isArray(child.type) ? child.type[0] : child.type;
    const kind: ColumnKind = type === 'array' ? 'list' : type === 'number' ? 'number' : type === 'integer' ? 'integer' : 'text';
    return [{ path: path.join('.'), pointer: `/${path.join('/')}`, kind, required: required && childRequired, requiredInGroup: childRequired }];
  });
}

function ledgerColumns(): LedgerColumn[] {
  const columns = leaves(LeadInput as unknown as SchemaNode, [], true).map((leaf) => {
    const spec = SPECS[leaf.path];
    if (!spec) throw new Error(`LeadInput has the field ${leaf.path}, which the ledger has no column for: add it to features/leads/src/ledger/columns.ts`);
    return { ...leaf, ...spec };
  });
  const unknown = Object.keys(SPECS).filter((path) => !columns.some((column) => column.path === path));
  if (unknown.length > 0) throw new Error(`the ledger has columns LeadInput does not: ${unknown.join(', ')}`);
  return columns;
}

/** Every ledger column, in the template's order (the schema's). */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = ledgerColumns();

/** The header names `readHeader` maps to each field: its path (English), its Chinese header, its aliases. */
export const LEDGER_HEADERS: FieldHeader[] = LEDGER_COLUMNS.map((column) => ({ field: column.path, headers: [column.zh, ...(column.aliases ?? [])] }));

export const columnByPath = new Map(LEDGER_COLUMNS.map((column) => [column.path, column]));
