import type { FieldHeader } from '@leadmatch/spreadsheets';
import { ACCEPTED_WORDS } from './vocabulary.ts';

/** A column of the carrier inventory: its field, the header the template writes, other headers read, and a note. */
export interface InventoryColumn {
  field: CarrierField;
  header: string;
  aliases: string[];
  required: boolean;
  note: string;
}

export type CarrierField =
  | 'id'
  | 'type'
  | 'label'
  | 'area.value'
  | 'area.unit'
  | 'area.qualifier'
  | 'tenure'
  | 'status'
  | 'price.value'
  | 'price.unit';

export const CARRIER_COLUMNS: InventoryColumn[] = [
  { field: 'id', header: '载体编号', aliases: ['编号'], required: false, note: '留空时按名称生成，重复导入得到同一编号 · blank: made from the name, the same on every import' },
  { field: 'type', header: '载体类型', aliases: ['类型', '载体用途'], required: true, note: ACCEPTED_WORDS.type.join('；') },
  { field: 'label', header: '载体名称', aliases: ['名称', '载体'], required: true, note: '如“生物医药产业园 B3 栋” · as the desk names it' },
  { field: 'area.value', header: '面积', aliases: ['面积数值'], required: false, note: '数字；留空表示未知 · a number; blank when unknown' },
  { field: 'area.unit', header: '面积单位', aliases: ['单位'], required: false, note: `${ACCEPTED_WORDS.unit.join('；')}（填了面积时必填 · required with an area）` },
  { field: 'area.qualifier', header: '面积口径', aliases: [], required: false, note: `${ACCEPTED_WORDS.qualifier.join('；')}（默认精确 · default exact）` },
  { field: 'tenure', header: '租售方式', aliases: ['租售'], required: false, note: `${ACCEPTED_WORDS.tenure.join('；')}；留空表示未知 · blank when unknown` },
  { field: 'status', header: '状态', aliases: ['载体状态'], required: false, note: `${ACCEPTED_WORDS.status.join('；')}（默认未知 · default unknown）` },
  { field: 'price.value', header: '价格', aliases: ['租金', '售价'], required: false, note: '数字；留空表示未知 · a number; blank when unknown' },
  { field: 'price.unit', header: '价格单位', aliases: [], required: false, note: '如 元/m2/月、元/m2、万元/亩（填了价格时必填 · required with a price）' },
];

export const CARRIER_HEADERS: FieldHeader[] = CARRIER_COLUMNS.map(({ field, header, aliases }) => ({ field, headers: [header, ...aliases] }));

/** The worksheet names that hold a park's 亩均 thresholds rather than carriers. */
export const THRESHOLD_SHEET_NAMES = ['门槛', '园区门槛', '亩均门槛', 'thresholds'];

export const THRESHOLD_HEADERS: FieldHeader[] = [
  { field: 'metric', headers: ['指标'] },
  { field: 'value', headers: ['数值', '门槛'] },
];

/** The thresholds a thresholds sheet sets, by the words in its metric column. */
export const THRESHOLD_METRICS = {
  minTaxPerMuWan: { header: '亩均税收（万元/亩）', words: ['亩均税收', '亩均税收门槛', '亩均税收（万元/亩）', '亩均税收(万元/亩)'] },
  minInvestmentPerMuWan: {
    header: '亩均投资（万元/亩）',
    words: ['亩均投资', '亩均投资强度', '亩均投资门槛', '亩均投资（万元/亩）', '亩均投资(万元/亩)'],
  },
} as const;

export type ThresholdMetric = keyof typeof THRESHOLD_METRICS;
