import { Type } from 'typebox';
import { closed, Named, Nullable, StringEnum } from '@leadmatch/domain';
import { DUPLICATE_MATCHES } from '../api/schemas.ts';
import { ROW_RESULTS } from './import.ts';

/** At most this many rows (a 32 MiB ledger holds fewer). */
const MAX_REPORT_ROWS = 1_000_000;
const count = Type.Integer({ minimum: 0, maximum: MAX_REPORT_ROWS });

const LedgerProblem = Named('LedgerProblem', Type.Object(
  {
    column: Type.String({ maxLength: 3, description: '列字母（A、B…），缺少的列为空 · The column letter; empty for a missing column' }),
    header: Type.String({ maxLength: 1000, description: '文件中的表头 · The header as the file has it' }),
    field: Nullable(Type.String({ maxLength: 100, description: 'The lead field, e.g. contact.phone' })),
    zh: Type.String({ maxLength: 2000 }),
    en: Type.String({ maxLength: 2000 }),
  },
  closed,
));

/** What POST /v1/leads/imports answers: the totals, then each data row's result. */
export const LedgerReportSchema = Named('LedgerReport', Type.Object(
  {
    totals: Type.Object(
      { rows: count, created: count, updated: count, unchanged: count, duplicate: count, rejected: count },
      { ...closed, description: '各结果的行数 · Rows by result' },
    ),
    rows: Type.Array(
      Type.Object(
        {
          row: Type.Integer({ minimum: 2, maximum: 1_048_576, description: '表格中的行号（表头为第 1 行）· The row number as the spreadsheet shows it' }),
          result: StringEnum(ROW_RESULTS),
          leadId: Nullable(Type.String({ format: 'uuid', maxLength: 36, description: 'The lead created, updated or unchanged, or the one duplicated' })),
          matchedBy: Nullable(StringEnum(DUPLICATE_MATCHES)),
          problems: Type.Array(LedgerProblem, { maxItems: 200 }),
        },
        closed,
      ),
      { maxItems: MAX_REPORT_ROWS },
    ),
  },
  { ...closed, $id: 'LedgerReport' },
));
