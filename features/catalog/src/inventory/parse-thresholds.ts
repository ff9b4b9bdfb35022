import { readHeader, type ReadRow, valuesByField } from '@leadmatch/spreadsheets';
import { type CellProblem, numberOf, textOf } from './cells.ts';
import { THRESHOLD_HEADERS, THRESHOLD_METRICS, type ThresholdMetric } from './columns.ts';

export interface ParsedThresholds {
  /** The thresholds the sheet gives a value; a metric left blank is not given, and keeps what the catalog has. */
  values: Partial<Record<ThresholdMetric, number>>;
  /** The metric cell of the first threshold named: quoted as the evidence. */
  locator: string | null;
  problems: CellProblem[];
}

const METRIC_OF_WORD = new Map(
  Object.entries(THRESHOLD_METRICS).flatMap(([metric, { words }]) => [metric, ...words].map((word) => [word.toLowerCase(), metric as ThresholdMetric])),
);

/** A thresholds sheet: a 指标 (metric) and a 数值 (value, 万元/亩) per row. */
export function parseThresholdRows(sheet: string, rows: ReadRow[]): ParsedThresholds {
  const [headerRow, ...dataRows] = rows;
  const result: ParsedThresholds = { values: {}, locator: null, problems: [] };
  if (!headerRow) return result;
  const header = readHeader(headerRow, THRESHOLD_HEADERS);
  const columnOf = (field: string) => header.columns.find((column) => column?.field === field);
  const problem = (row: number, field: string, message: string) => {
    const column = columnOf(field);
    result.problems.push({ sheet, row, column: column?.column ?? '', header: column?.header ?? '', message });
  };
  for (const { column, header: text } of header.problems) {
    result.problems.push({ sheet, row: headerRow.rowNumber, column, header: text, message: '不是门槛表的列；应为“指标”和“数值” · is not a column of the thresholds sheet (指标, 数值)' });
  }
  if (!columnOf('metric') || !columnOf('value')) {
    problem(headerRow.rowNumber, 'metric', '门槛表需要“指标”和“数值”两列 · the thresholds sheet needs the columns 指标 and 数值');
    return result;
  }
  for (const row of dataRows) {
    const values = valuesByField(row, header);
    const metricCell = values.get('metric');
    const metricText = metricCell ? textOf(metricCell.value) : '';
    const metric = METRIC_OF_WORD.get(metricText.toLowerCase());
    if (!metric) {
      problem(row.rowNumber, 'metric', `“${metricText}”不是可识别的指标；可填 亩均税收、亩均投资 · is not a threshold (亩均税收, 亩均投资)`);
      continue;
    }
    if (metric in result.values) {
      problem(row.rowNumber, 'metric', '与前面的行重复 · repeats an earlier row');
      continue;
    }
    const valueCell = values.get('value');
    if (!valueCell) continue;
    const number = numberOf(valueCell.value);
    if (!number || (number.unit && number.unit !== '万元/亩')) {
      problem(row.rowNumber, 'value', `“${textOf(valueCell.value)}”不是以万元/亩计的数字 · must be a number in 万元/亩`);
      continue;
    }
    result.values[metric] = number.value;
    result.locator ??= metricText.slice(0, 120);
  }
  return result;
}
