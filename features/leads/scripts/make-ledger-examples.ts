/**
 * Writes the ledger examples: examples/lead-ledger.xlsx and .csv (20 fictional leads of various
 * industries: made-up companies and credit codes, phone numbers 1380000xxxx, no real people) and
 * examples/lead-ledger-template.xlsx (what GET /v1/leads/imports/template answers).
 *
 *   npx tsx --conditions=leadmatch-source features/leads/scripts/make-ledger-examples.ts
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { assertIndustryClass } from '@leadmatch/catalog';
import { writeTable, type CellValue } from '@leadmatch/spreadsheets';
import { ledgerColumns, writeLedgerTemplate } from '../src/ledger/workbooks.ts';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A made-up 统一社会信用代码 with a correct check character: 91 + region + a serial of this file's own. */
function creditCode(region: string, serial: number): string {
  const body = `91${region}MA${String(serial).padStart(7, '0')}X`.slice(0, 17);
  const sum = [...body].reduce((total, char, i) => total + CHARSET.indexOf(char) * WEIGHTS[i]!, 0);
  return `${body}${CHARSET[(31 - (sum % 31)) % 31]}`;
}

type Lead = Record<string, CellValue>;

// 企业名称, 行业, 行业代码, 用途, 用地(亩), 建筑面积(m²), 取得方式, 税收(万元), 投资(万元), 人数, 意向区域, 关注政策, 备注
const LEADS: [string, string, string | null, string, number | null, number | null, string | null, number | null, number | null, number | null, string, string | null, string | null][] = [
  ['苏州示例精密机械有限公司', '精密零部件加工', 'C3484', '生产', 30, null, null, 800, 20000, 150, '苏州', '补贴', '希望年内开工'],
  ['昆山虚构光电科技有限公司', '光学镜头与模组', 'C4040', '生产，研发', 20, 8000, '自建', 1200, 35000, 260, '昆山、太仓', '人才、融资', null],
  ['无锡样例半导体有限公司', '集成电路封装测试', 'C3973', '生产、中试', 50, null, null, 3000, 120000, 600, '无锡', '补贴、上市', '需双回路供电'],
  ['常州演示新能源电池有限公司', '锂离子电池电芯与模组', 'C3841', '生产', 120, null, null, 6000, 300000, 1500, '常州、溧阳', '融资', '需要危化品仓储'],
  ['南京假想生物医药有限公司', '抗体药物研发', 'C2761', '研发，实验室，中试', null, 6000, '租赁', 500, 15000, 120, '南京', '人才、知识产权', 'GMP 中试车间优先'],
  ['杭州示范软件科技有限公司', '工业软件与 SaaS', 'I6513', '研发、办公', null, 2000, '租赁', 300, 3000, 90, '杭州', '人才', null],
  ['宁波模拟汽车零部件有限公司', '新能源汽车零部件', 'C3670', '生产', 60, null, null, 2500, 80000, 700, '宁波', '补贴', null],
  ['合肥试点医疗器械有限公司', '体外诊断设备', 'C3581', '研发、生产', 15, 5000, '购买', 900, 25000, 200, '合肥', '知识产权、补贴', null],
  ['上海样本总部管理有限公司', '区域总部与结算中心', null, '总部、办公', null, 3000, '购买', 5000, 10000, 80, '上海浦东', '税收', '需甲级写字楼'],
  ['嘉兴虚构新材料有限公司', '改性塑料与工程塑料', 'C2929', '生产、仓储', 40, null, null, 1000, 30000, 260, '嘉兴、平湖', null, null],
  ['南通示例海工装备有限公司', '海洋工程装备', 'C3737', '生产', 200, null, null, 4000, 150000, 900, '南通、启东', '融资、补贴', '需沿江码头'],
  ['苏州演示机器人有限公司', '工业机器人本体与集成', 'C3491', '研发，生产', 25, 10000, '租赁', 1500, 40000, 350, '苏州工业园区', '人才、应用场景', null],
  ['扬州样例食品有限公司', '预制菜加工', 'C1439', '生产、仓储', 35, null, null, 600, 18000, 300, '扬州', '补贴', '需冷链仓储'],
  ['徐州假想工程机械有限公司', '工程机械配套件', 'C3514', '生产', 80, null, null, 1800, 60000, 500, '徐州', null, null],
  ['湖州示范绿色建材有限公司', '装配式建筑构件', 'C3022', '生产、仓储', 70, null, null, 900, 28000, 220, '湖州、长兴', '补贴', null],
  ['绍兴模拟纺织科技有限公司', '功能性面料研发与生产', 'C1752', '研发、生产', 45, null, null, 700, 22000, 400, '绍兴柯桥', '知识产权', null],
  ['泰州试点医药物流有限公司', '医药冷链物流', 'G5930', '仓储、办公', 20, null, null, 400, 12000, 150, '泰州', null, '靠近高速出口'],
  ['镇江示例航空零部件有限公司', '航空结构件加工', 'C3744', '生产', 30, null, null, 1100, 32000, 240, '镇江', '人才', null],
  ['芜湖虚构智能家电有限公司', '智能厨房电器', 'C3854', '生产、研发', 90, null, null, 2200, 70000, 800, '芜湖', '补贴、应用场景', null],
  ['宿迁样例电商物流有限公司', '电商仓配一体化', 'G5920', '仓储', 60, null, null, 500, 15000, 300, '宿迁', null, '需 24 小时作业'],
];

const REGION_CODES = ['320500', '320583', '320200', '320400', '320100', '330100', '330200', '340100', '310115', '330400'];

const leads: Lead[] = LEADS.map(([company, industry, code, uses, landMu, buildingM2, tenure, taxWan, investmentWan, employees, regions, policies, notes], index) => {
  assertIndustryClass(code);
  return {
    'externalId': `TZ-2026-${String(index + 1).padStart(3, '0')}`,
    'company.name': company,
    'company.creditCode': creditCode(REGION_CODES[index % REGION_CODES.length]!, index + 1),
    'contact.name': `${'王李张刘陈杨黄赵周吴'[index % 10]}${index % 2 === 0 ? '先生' : '女士'}`,
    'contact.phone': `138000000${String(index + 1).padStart(2, '0')}`,
    'contact.email': null,
    'industry': industry,
    'industryCode': code,
    'uses': uses,
    'land.area': landMu,
    'land.unit': landMu === null ? null : '亩',
    'building.area': buildingM2,
    'building.unit': buildingM2 === null ? null : '平方米',
    'building.tenure': buildingM2 === null ? null : tenure,
    'annualTax.amount': taxWan,
    'annualTax.unit': taxWan === null ? null : '万元',
    'investment.amount': investmentWan,
    'investment.unit': investmentWan === null ? null : '万元',
    'employees': employees,
    'regions': regions,
    'policyInterests': policies,
    'notes': notes,
  };
});

await mkdir(EXAMPLES, { recursive: true });
const columns = ledgerColumns<Lead>((lead, path) => lead[path] ?? null);
await writeTable(leads, columns, 'xlsx', createWriteStream(`${EXAMPLES}lead-ledger.xlsx`), { sheetName: '线索台账' });
await writeTable(leads, columns, 'csv', createWriteStream(`${EXAMPLES}lead-ledger.csv`), { sheetName: '线索台账' });
await writeLedgerTemplate(createWriteStream(`${EXAMPLES}lead-ledger-template.xlsx`));
console.log(`wrote ${leads.length} leads to examples/lead-ledger.{xlsx,csv} and the template to examples/lead-ledger-template.xlsx`);
