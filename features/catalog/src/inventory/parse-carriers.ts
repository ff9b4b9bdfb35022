import { createHash } from 'node:crypto';
import { Carrier, createAjv, fieldErrors, type ValidationIssue } from '@leadmatch/domain';
import { type Header, readHeader, type ReadRow, valuesByField } from '@leadmatch/spreadsheets';
import { type CellProblem, numberOf, textOf } from './cells.ts';
import { CARRIER_COLUMNS, CARRIER_HEADERS, type CarrierField } from './columns.ts';
import { ACCEPTED_WORDS, areaUnitOf, carrierStatusOf, carrierTypeOf, qualifierOf, tenuresOf } from './vocabulary.ts';

export interface InventoryContext {
  parkId: string;
  /** The source the imported carriers cite: the park's inventory. */
  sourceId: string;
}

export interface ParsedCarrier {
  row: number;
  carrier: Carrier;
}

export interface ParsedCarriers {
  carriers: ParsedCarrier[];
  problems: CellProblem[];
}

type RowValues = ReturnType<typeof valuesByField>;

let validateCarrier: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** The carriers of an inventory sheet (header first), with every problem of every row. */
export function parseCarrierRows(sheet: string, rows: ReadRow[], context: InventoryContext): ParsedCarriers {
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) return { carriers: [], problems: [{ sheet, row: 1, column: '', header: '', message: '没有表头行 · there is no header row' }] };
  const header = readHeader(headerRow, CARRIER_HEADERS);
  const problems: CellProblem[] = headerProblems(sheet, headerRow.rowNumber, header);
  const carriers: ParsedCarrier[] = [];
  const rowOfId = new Map<string, number>();
  for (const row of dataRows) {
    const parsed = parseRow(sheet, row, header, context);
    problems.push(...parsed.problems);
    if (!parsed.carrier) continue;
    const earlier = rowOfId.get(parsed.carrier.id);
    if (earlier !== undefined) {
      problems.push(problemAt(sheet, row.rowNumber, header, 'id', `与第 ${earlier} 行的载体编号相同 · repeats the carrier id of row ${earlier}`));
      continue;
    }
    rowOfId.set(parsed.carrier.id, row.rowNumber);
    carriers.push({ row: row.rowNumber, carrier: parsed.carrier });
  }
  return { carriers, problems };
}

function headerProblems(sheet: string, row: number, header: Header): CellProblem[] {
  const unknown = header.problems.map(({ column, header: text, problem }) => ({
    sheet,
    row,
    column,
    header: text,
    message:
      problem === 'unknown'
        ? `不是载体清单的列；可用的列见模板 · is not a column of the inventory; the template lists them`
        : '与前面的列重复 · repeats an earlier column',
  }));
  const present = new Set(header.columns.flatMap((column) => (column ? [column.field] : [])));
  const missing = CARRIER_COLUMNS.filter((column) => column.required && !present.has(column.field)).map((column) => ({
    sheet,
    row,
    column: '',
    header: '',
    message: `缺少必填列“${column.header}” · the required column ${column.field} is missing`,
  }));
  return [...unknown, ...missing];
}

function parseRow(sheet: string, row: ReadRow, header: Header, context: InventoryContext): { carrier?: Carrier; problems: CellProblem[] } {
  const values = valuesByField(row, header);
  const problems: CellProblem[] = [];
  const problem = (field: CarrierField, message: string) => problems.push(problemAt(sheet, row.rowNumber, header, field, message));
  const text = (field: CarrierField) => {
    const cell = values.get(field);
    return cell ? textOf(cell.value) : null;
  };

  const label = text('label');
  if (!label) problem('label', '必填 · is required');
  const typeText = text('type');
  const type = typeText ? carrierTypeOf(typeText) : undefined;
  if (!typeText) problem('type', '必填 · is required');
  else if (!type) problem('type', `“${typeText}”不是可识别的载体类型；可填 ${ACCEPTED_WORDS.type.join('、')} · is not a carrier type`);
  const hasColumn = (field: CarrierField) => header.columns.some((column) => column?.field === field);
  const area = measure(values, ['area.value', 'area.unit'], hasColumn, problem, (unit) => areaUnitOf(unit));
  const price = measure(values, ['price.value', 'price.unit'], hasColumn, problem, (unit) => unit);
  const qualifierText = text('area.qualifier');
  const qualifier = qualifierText ? qualifierOf(qualifierText) : 'exact';
  if (!qualifier) problem('area.qualifier', `“${qualifierText}”不是可识别的口径；可填 ${ACCEPTED_WORDS.qualifier.join('、')} · is not a qualifier`);
  const tenureText = text('tenure');
  const tenure = tenureText ? tenuresOf(tenureText) : null;
  if (tenure === undefined) problem('tenure', `“${tenureText}”不是可识别的租售方式；可填 ${ACCEPTED_WORDS.tenure.join('、')} · is not a tenure`);
  const statusText = text('status');
  const status = statusText ? carrierStatusOf(statusText) : 'unknown';
  if (!status) problem('status', `“${statusText}”不是可识别的状态；可填 ${ACCEPTED_WORDS.status.join('、')} · is not a status`);
  if (problems.length > 0 || !label || !type || !qualifier || tenure === undefined || !status || area === undefined || price === undefined) {
    return { problems };
  }

  const carrier: Carrier = {
    id: text('id') ?? derivedId(context.parkId, label),
    parkId: context.parkId,
    type,
    label,
    area: area && { value: area.value, unit: area.unit as 'mu' | 'm2', qualifier },
    tenure,
    status,
    price: price && { value: price.value, unit: price.unit, qualifier: 'exact' },
    evidence: { source: context.sourceId, locator: label.slice(0, 120) },
  };
  validateCarrier ??= createAjv().compile(Carrier);
  if (validateCarrier(carrier)) return { carrier, problems };
  for (const error of fieldErrors((validateCarrier.errors ?? []) as ValidationIssue[], 'file')) problem(fieldOfPointer(error.pointer), error.message);
  return { problems };
}

/**
 * A number and its unit from a value column and a unit column (or a unit written after the number):
 * null when the value is blank, undefined after reporting a problem.
 */
function measure(
  values: RowValues,
  [valueField, unitField]: [CarrierField, CarrierField],
  hasColumn: (field: CarrierField) => boolean,
  report: (field: CarrierField, message: string) => void,
  readUnit: (text: string) => string | undefined,
): { value: number; unit: string } | null | undefined {
  const problem = (field: CarrierField, message: string) => report(field === unitField && !hasColumn(unitField) ? valueField : field, message);
  const cell = values.get(valueField);
  if (!cell) return null;
  const number = numberOf(cell.value);
  if (!number || number.value <= 0) {
    problem(valueField, `“${textOf(cell.value)}”不是大于 0 的数字 · must be a number above 0`);
    return undefined;
  }
  const unitCell = values.get(unitField);
  const unitText = unitCell ? textOf(unitCell.value) : number.unit;
  if (!unitText) {
    problem(unitField, '填了数值时必填单位 · is required with a value');
    return undefined;
  }
  const unit = readUnit(unitText);
  if (!unit) {
    problem(unitField, `“${unitText}”不是可识别的单位；可填 ${ACCEPTED_WORDS.unit.join('、')} · is not a unit`);
    return undefined;
  }
  return { value: number.value, unit };
}

const POINTER_FIELDS: [string, CarrierField][] = [
  ['/id', 'id'],
  ['/type', 'type'],
  ['/label', 'label'],
  ['/area/value', 'area.value'],
  ['/area/unit', 'area.unit'],
  ['/area/qualifier', 'area.qualifier'],
  ['/tenure', 'tenure'],
  ['/status', 'status'],
  ['/price/value', 'price.value'],
  ['/price/unit', 'price.unit'],
];

function fieldOfPointer(pointer: string): CarrierField {
  return POINTER_FIELDS.find(([prefix]) => pointer === prefix || pointer.startsWith(`${prefix}/`))?.[1] ?? 'label';
}

/** The cell of a field in a row: its column, or the row itself when the sheet has no such column. */
function problemAt(sheet: string, row: number, header: Header, field: CarrierField, message: string): CellProblem {
  const column = header.columns.find((candidate) => candidate?.field === field) ?? header.columns.find((candidate) => candidate?.field === 'label');
  return { sheet, row, column: column?.column ?? '', header: column?.header ?? '', message };
}

/** The same label in the same park gives the same id on every import. */
function derivedId(parkId: string, label: string): string {
  const digest = createHash('sha256').update(label.normalize('NFC')).digest('hex').slice(0, 10);
  return `${parkId.slice(0, 60).replace(/-+$/, '')}-inv-${digest}`;
}
