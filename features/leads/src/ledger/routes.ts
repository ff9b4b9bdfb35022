import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError, type FieldError } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, file, paragraphs, problemResponses } from '@leadmatch/http';
import { formatOfFileName, MEDIA_TYPES, type TableFormat } from '@leadmatch/spreadsheets';
import { Type } from 'typebox';
import { dispatchMatchRequestPages } from '../match-requests/dispatch.ts';
import { importLedger, LedgerHeaderError, LedgerUnreadableError } from './import.ts';
import { LedgerReportSchema } from './schemas.ts';
import { writeLedgerTemplate, writeReportWorkbook } from './workbooks.ts';

/** The largest ledger accepted: ~100,000 rows of .xlsx. */
export const MAX_LEDGER_BYTES = 32 * 1024 * 1024;

/** Media types a browser or client may give a .xlsx or .csv file; anything else with such a name is refused. */
const FILE_MEDIA_TYPES = new Set([
  MEDIA_TYPES.xlsx,
  'text/csv',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
  'text/plain',
  'application/zip',
]);

const workbook = (zh: string, en: string) => file([MEDIA_TYPES.xlsx], MAX_LEDGER_BYTES * 4, zh, en);

function unsupportedFile(name: string): DomainError {
  return new DomainError(
    'unsupported-file-type',
    415,
    `The file "${name.slice(0, 200)}" is neither an .xlsx nor a .csv; save it as .xlsx (Excel 2007 and later) or .csv (UTF-8).`,
  );
}

/** The format of the upload, from its name, checked against its media type. */
function uploadFormat(filename: string, mimetype: string): TableFormat {
  const format = formatOfFileName(filename);
  const media = mimetype.split(';')[0]!.trim().toLowerCase();
  if (!format || (media !== '' && !FILE_MEDIA_TYPES.has(media))) throw unsupportedFile(filename);
  return format;
}

/** A header problem as a field error: the pointer names the header cell (`/C1`). */
const headerError = (problem: LedgerHeaderError['problems'][number]): FieldError => ({
  pointer: problem.column ? `/${problem.column}1` : '/',
  location: 'file',
  message: `${problem.column ? `${problem.column}1` : ''}「${problem.header}」: ${problem.zh} · ${problem.en}`,
});

/** True when the client asks for the report as a workbook rather than JSON. */
const wantsWorkbook = (accept: string | undefined) => (accept ?? '').toLowerCase().includes(MEDIA_TYPES.xlsx);

/**
 * The lead ledger import (招商台账导入), under /v1/leads/imports. Multipart parsing is registered
 * here only, so no other route takes multipart bodies.
 */
export const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_LEDGER_BYTES, files: 1, fields: 10, parts: 11 } });
  const db = app.database.db;
  const { personalData } = app;

  app.post(
    '',
    {
      config: { access: 'leads:write' },
      // The body is a file stream, read by the handler as it arrives; the schema documents it.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['leads'],
        summary: bilingual('导入招商台账（.xlsx 或 .csv）', 'Import a lead ledger (.xlsx or .csv)'),
        description: paragraphs(
          '上传一个 .xlsx 或 .csv 文件（multipart/form-data，file 部分），每行一条线索；表头用中文或英文（见 GET /v1/leads/imports/template）。' +
            '每行按 POST /v1/leads 的请求体校验，逐行处理而非全部成败：有问题的行不写入任何内容，其余行照常导入，每 500 行一个事务并附带匹配请求。' +
            '结果逐行给出：created 新建、updated 已更新（同一外部编号，需求有变）、unchanged 未变（同一外部编号、需求相同：不写入、不重新匹配，重复上传同一文件不产生任何变化）、' +
            'duplicate 重复（该密钥已有同一信用代码或同一企业名称加电话的未关闭线索，不写入）、rejected 未导入（列出该行每个问题的行号、列字母、表头，中英文）。' +
            '表头有未知列、重复列或缺少必填列时整个文件不导入（422）。Accept 为 xlsx 媒体类型时以 .xlsx 返回结果表。',
          'Upload one .xlsx or .csv file (multipart/form-data, part "file"), one lead per row, headers in Chinese or English ' +
            '(see GET /v1/leads/imports/template). Each row is checked as a POST /v1/leads body, row by row rather than all or nothing: ' +
            'a row with problems writes nothing and the other rows are imported, 500 rows per transaction with their match requests. ' +
            'The answer reports each row: created; updated (same external id, changed needs); unchanged (same external id and needs: ' +
            'nothing written, no new match, so uploading the same file again changes nothing); duplicate (an open lead of this key has the ' +
            'credit code, or the company name and phone: nothing written); rejected (every problem of the row by row, column letter and header, ' +
            'in Chinese and English). Unknown, repeated or missing required header columns refuse the whole file (422). ' +
            'With Accept naming the xlsx media type the report comes as a workbook.',
        ),
        security,
        consumes: ['multipart/form-data'],
        body: Type.Object(
          { file: Type.String({ format: 'binary', maxLength: MAX_LEDGER_BYTES, description: bilingual('.xlsx 或 .csv 台账', 'The .xlsx or .csv ledger') }) },
          { additionalProperties: false, required: ['file'] },
        ),
        response: {
          200: {
            description: bilingual('逐行结果与合计', 'The result of each row, and the totals'),
            content: { 'application/json': { schema: LedgerReportSchema }, ...workbook('', '').content },
          },
          ...problemResponses(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new DomainError('unsupported-file-type', 415, 'Send the ledger as multipart/form-data, with the file in a part named "file".');
      }
      const declared = Number(request.headers['content-length']);
      if (declared > MAX_LEDGER_BYTES + 64 * 1024) throw tooLarge();
      const upload = await request.file();
      if (!upload) throw new DomainError('file-missing', 400, 'Send the ledger as the file part of a multipart/form-data body.');
      let format: TableFormat;
      try {
        format = uploadFormat(upload.filename, upload.mimetype);
      } catch (error) {
        upload.file.resume();
        throw error;
      }
      const ownerKey = request.principal.keyId;
      const report = await importLedger(upload.file, format, {
        db,
        personalData,
        ownerKey,
        dispatch: (ids) => dispatchMatchRequestPages(app.jobs, db, ids, request.log),
        passThrough: (error) => (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE',
      }).catch((error: unknown) => {
        upload.file.resume();
        if (error instanceof LedgerHeaderError) {
          throw new DomainError('ledger-header-invalid', 422, error.message, error.problems.map(headerError));
        }
        if (error instanceof LedgerUnreadableError) throw new DomainError('ledger-unreadable', 422, `The file cannot be read as .${format}.`);
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw error;
      });
      request.log.info({ ledger: { format, ...report.totals } }, 'lead ledger imported');
      if (!wantsWorkbook(request.headers.accept)) return report;
      const body = new PassThrough();
      void writeReportWorkbook(report, body).catch((error: unknown) => body.destroy(error as Error));
      return reply
        .type(MEDIA_TYPES.xlsx)
        .header('content-disposition', 'attachment; filename="lead-import-report.xlsx"')
        .send(body as never);
    },
  );

  app.get(
    '/template',
    {
      config: { access: 'leads:write' },
      schema: {
        tags: ['leads'],
        summary: bilingual('下载招商台账模板', 'Download the lead ledger template'),
        description: paragraphs(
          '一个 .xlsx：第一页只有中文表头（原样导入不会导入任何内容），第二页逐列说明填写方法并给出示例。',
          'An .xlsx: the first sheet has the Chinese headers and no rows (importing it as it is imports nothing); the second explains each column with an example.',
        ),
        security,
        response: { 200: workbook('台账模板', 'The ledger template'), ...problemResponses(401, 403) },
      },
    },
    async (_request, reply) => {
      const body = new PassThrough();
      void writeLedgerTemplate(body).catch((error: unknown) => body.destroy(error as Error));
      return reply.type(MEDIA_TYPES.xlsx).header('content-disposition', 'attachment; filename="lead-ledger-template.xlsx"').send(body as never);
    },
  );
};

function tooLarge(): DomainError {
  return new DomainError('body-too-large', 413, `The ledger must be at most ${MAX_LEDGER_BYTES / 1024 / 1024} MiB; split it into several files.`);
}
