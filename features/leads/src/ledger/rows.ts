import { assertIndustryClass } from '@leadmatch/catalog';
import { createAjv, DomainError, fieldErrors, LeadInput, type ValidationIssue } from '@leadmatch/domain';
import { hostileFields } from '@leadmatch/http';
import { valuesByField, type Header, type ReadCell, type ReadRow } from '@leadmatch/spreadsheets';
import { columnByPath, LEDGER_COLUMNS, type LedgerColumn } from './columns.ts';

/** One problem of a row or of the header, by column letter and header, in Chinese and English. */
export interface LedgerProblem {
  /** The column's letter (A, B, …), or empty when the column is missing from the file. */
  column: string;
  /** The header as the file has it, or the Chinese header of a missing column. */
  header: string;
  /** The lead's field (`contact.phone`), when the problem is about one. */
  field: string | null;
  zh: string;
  en: string;
}

export type ParsedRow = { input: LeadInput } | { problems: LedgerProblem[] };

/** What text reads as where a GBK (ANSI) .csv, Excel's default on Chinese Windows, is decoded as UTF-8. */
export const UNDECODABLE = '\uFFFD';
export const NOT_UTF8 = {
  zh: '含有无法解码的字符：请把 .csv 另存为“CSV UTF-8”，或直接上传 .xlsx',
  en: 'holds characters that cannot be decoded: save the .csv as "CSV UTF-8", or upload the .xlsx',
};

/** The same validator, formats and options as the API's body validation. */
const validateLead = createAjv({ coerceTypes: false }).compile(LeadInput);

/** Commas, 、 and semicolons, full or half width, separate a list's items. */
const LIST_SEPARATORS = /[,，、;；\n]/;

const dateText = (date: Date) => date.toISOString().slice(0, 10);

function text(value: Exclude<ReadCell, null>): string {
  if (value instanceof Date) return dateText(value);
  return String(value).trim();
}

/** The schema's value for a Chinese (or differently cased) enum name; other text as given, for the schema to refuse. */
const enumValue = (column: LedgerColumn, item: string) => column.values?.[item.toLowerCase()] ?? column.values?.[item] ?? item;

function cellValue(column: LedgerColumn, value: Exclude<ReadCell, null>): unknown {
  switch (column.kind) {
    case 'number':
    case 'integer': {
      if (typeof value === 'number') return value;
      const number = Number(text(value).replace(/[,，\s]/g, ''));
      return text(value) !== '' && Number.isFinite(number) ? number : text(value);
    }
    case 'list':
      return text(value)
        .split(LIST_SEPARATORS)
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => enumValue(column, item));
    default:
      return enumValue(column, text(value));
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** The POST /v1/leads body a row stands for: its cells by field path, with the blank units of given amounts assumed. */
export function rowBody(row: ReadRow, header: Header): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const values = valuesByField(row, header);
  for (const [path, { value }] of values) setPath(body, path, cellValue(columnByPath.get(path)!, value));
  for (const column of LEDGER_COLUMNS) {
    if (column.default === undefined || values.has(column.path)) continue;
    const group = column.path.split('.')[0]!;
    if (body[group] !== undefined) setPath(body, column.path, column.default);
  }
  return body;
}

const ZH_BY_KEYWORD: Record<string, (params: Record<string, unknown>, column: LedgerColumn | undefined) => string> = {
  required: () => '必填，不能为空',
  additionalProperties: () => '不是可识别的字段',
  type: (p) => (String(p.type).includes('number') || String(p.type).includes('integer') ? '须为数字' : String(p.type).includes('array') ? '须为列表' : '须为文字'),
  enum: (p, column) => `须为以下之一：${allowedNames(p.allowedValues as string[], column)}`,
  format: (p) => (p.format === 'credit-code' ? '须为 18 位统一社会信用代码，且校验位正确' : p.format === 'mobile-phone' ? '须为 11 位大陆手机号或 +852… 这样的国际号码' : p.format === 'email' ? '须为有效的电子邮箱' : '格式不正确'),
  pattern: (_, column) => (column?.path === 'industryCode' ? '须为一个大写字母加 4 位数字，如 C3441' : '不能为空或只有空白'),
  minLength: () => '不能为空或只有空白',
  maxLength: (p) => `最多 ${String(p.limit)} 个字符`,
  minimum: (p) => `不能小于 ${String(p.limit)}`,
  maximum: (p) => `不能大于 ${String(p.limit)}（超出合理范围）`,
  exclusiveMinimum: (p) => `须大于 ${String(p.limit)}`,
  minItems: (p) => `至少填 ${String(p.limit)} 项`,
  maxItems: (p) => `最多 ${String(p.limit)} 项`,
  uniqueItems: () => '有重复的项',
};

/** Allowed enum values as a desk writes them: the Chinese name first, then the code. */
function allowedNames(allowed: string[], column: LedgerColumn | undefined): string {
  const zhOf = (value: string) => Object.entries(column?.values ?? {}).find(([, code]) => code === value)?.[0];
  return allowed.map((value) => (zhOf(value) ? `${zhOf(value)}（${value}）` : value)).join('、');
}

/** The column a JSON pointer into the body is about: the column of that field, or of the first field under it. */
function columnOfPointer(pointer: string): LedgerColumn | undefined {
  const base = pointer.replace(/\/\d+$/, '');
  return LEDGER_COLUMNS.find((column) => column.pointer === base) ?? LEDGER_COLUMNS.find((column) => column.pointer.startsWith(`${base}/`));
}

function problemAt(header: Header, pointer: string, zh: string, en: string): LedgerProblem {
  const column = columnOfPointer(pointer);
  const at = column && header.columns.find((candidate) => candidate?.field === column.path);
  return { column: at?.column ?? '', header: at?.header ?? column?.zh ?? '', field: column?.path ?? null, zh, en };
}

const pointerOf = (issue: ValidationIssue) =>
  issue.keyword === 'required' ? `${issue.instancePath}/${String(issue.params.missingProperty)}` : issue.instancePath || '/';

function schemaProblems(header: Header, issues: ValidationIssue[]): LedgerProblem[] {
  const seen = new Set<string>();
  return issues
    .filter((issue) => issue.keyword !== 'if')
    .map((issue) => {
      const pointer = pointerOf(issue);
      const en = fieldErrors([issue], 'body')[0]?.message ?? 'is invalid';
      const zh = ZH_BY_KEYWORD[issue.keyword]?.(issue.params, columnOfPointer(pointer)) ?? '无效';
      return problemAt(header, pointer, zh, en);
    })
    .filter((problem) => {
      const key = `${problem.field} ${problem.en}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/**
 * A data row as a lead, checked as POST /v1/leads checks its body: the text the API refuses
 * (control characters), the body schema (every problem, not the first), then the industry class.
 */
export function parseRow(row: ReadRow, header: Header): ParsedRow {
  const undecodable = row.cells.flatMap((cell, index) => (typeof cell === 'string' && cell.includes(UNDECODABLE) ? [header.columns[index]] : []));
  if (undecodable.length > 0) {
    return {
      problems: undecodable.map((at) => ({
        column: at?.column ?? '',
        header: at?.header ?? '',
        field: at?.field ?? null,
        ...NOT_UTF8,
      })),
    };
  }
  const body = rowBody(row, header);
  const hostile = hostileFields(body, 'body');
  if (hostile.length > 0) {
    return { problems: hostile.map((error) => problemAt(header, error.pointer, '含有无法保存的控制字符', error.message)) };
  }
  if (!validateLead(body)) return { problems: schemaProblems(header, (validateLead.errors ?? []) as ValidationIssue[]) };
  const input = body as LeadInput;
  try {
    assertIndustryClass(input.industryCode);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return {
      problems: (error.errors ?? []).map((fieldError) =>
        problemAt(header, fieldError.pointer, `“${input.industryCode}”不是国民经济行业分类（GB/T 4754-2017）的小类`, fieldError.message),
      ),
    };
  }
  return { input };
}

/** The columns a ledger must have: those of the fields every lead has. */
export function missingColumns(header: Header): LedgerProblem[] {
  const present = new Set(header.columns.map((column) => column?.field));
  return LEDGER_COLUMNS.filter((column) => column.required && !present.has(column.path)).map((column) => ({
    column: '',
    header: column.zh,
    field: column.path,
    zh: `缺少必填列“${column.zh}”（${column.path}）`,
    en: `the required column ${column.path} (${column.zh}) is missing`,
  }));
}
