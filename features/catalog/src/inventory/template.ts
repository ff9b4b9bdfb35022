import type { Carrier } from '@leadmatch/domain';
import { type CellValue, workbookBuffer } from '@leadmatch/spreadsheets';
import { CARRIER_COLUMNS, type CarrierField, THRESHOLD_METRICS } from './columns.ts';
import { wordOf } from './vocabulary.ts';

export const INVENTORY_TEMPLATE_FILE_NAME = 'carrier-inventory-template.xlsx';

/**
 * The inventory template: an empty 载体清单 sheet with its headers, a 门槛 sheet naming the two
 * thresholds with blank values (blank changes nothing), and a 说明 sheet explaining each column.
 * Imported as it is, it changes nothing.
 */
export function inventoryTemplate(): Promise<Buffer> {
  return inventoryWorkbook([]);
}

/** The template with a row per carrier, in the words a desk writes: an inventory the import reads back as these carriers. */
export function inventoryWorkbook(carriers: Carrier[]): Promise<Buffer> {
  return workbookBuffer([
    {
      name: '载体清单',
      rows: [CARRIER_COLUMNS.map((column) => column.header), ...carriers.map((carrier) => CARRIER_COLUMNS.map(({ field }) => cellOf(carrier, field)))],
      widths: CARRIER_COLUMNS.map(({ field }) => (field === 'label' || field === 'id' ? 40 : 14)),
    },
    {
      name: '门槛',
      rows: [['指标', '数值'], ...Object.values(THRESHOLD_METRICS).map(({ header }) => [header, null])],
      widths: [24, 12],
    },
    {
      name: '说明',
      rows: [
        ['列 column', '字段 field', '必填 required', '说明 note'],
        ...CARRIER_COLUMNS.map((column) => [column.header, column.field, column.required ? '是 yes' : '否 no', column.note]),
        [],
        ['门槛表 thresholds', 'thresholds', '否 no', '“指标”填 亩均税收 或 亩均投资，“数值”以万元/亩计；数值留空则不改 · blank values change nothing'],
      ],
      widths: [16, 16, 14, 90],
    },
  ]);
}

function cellOf(carrier: Carrier, field: CarrierField): CellValue {
  switch (field) {
    case 'id':
      return carrier.id;
    case 'type':
      return wordOf.type(carrier.type);
    case 'label':
      return carrier.label;
    case 'area.value':
      return carrier.area?.value ?? null;
    case 'area.unit':
      return carrier.area ? wordOf.unit(carrier.area.unit) : null;
    case 'area.qualifier':
      return carrier.area ? wordOf.qualifier(carrier.area.qualifier) : null;
    case 'tenure':
      return carrier.tenure ? carrier.tenure.map(wordOf.tenure).join('、') : null;
    case 'status':
      return wordOf.status(carrier.status);
    case 'price.value':
      return carrier.price?.value ?? null;
    case 'price.unit':
      return carrier.price?.unit ?? null;
  }
}
