import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {} from '@leadmatch/catalog';
import { bearerAuth as security, bilingual, file, paragraphs, problemResponses } from '@leadmatch/http';
import { scopeOf } from '@leadmatch/leads';
import { formatForAccept, MEDIA_TYPES } from '@leadmatch/spreadsheets';
import { leadColumns, taskColumns, type ParkNames } from '../columns.ts';
import { DEFAULT_PAGE_SIZE, leadExportRows, taskExportRows } from '../pages.ts';
import { LeadExportQuery, TaskExportQuery } from './schemas.ts';
import { sendTable } from './send-table.ts';

export interface ExportsOptions {
  /** Rows read per query (tests make it small to cross pages). */
  pageSize?: number;
}

/** A file has no length limit of its own; the document needs one for its string schemas. */
const MAX_FILE_BYTES = 2 ** 31;

const spreadsheet = (zh: string, en: string) => file([MEDIA_TYPES.xlsx, 'text/csv'], MAX_FILE_BYTES, zh, en);

const FORMATS_ZH =
  '默认 .xlsx；Accept: text/csv（或 format=csv）时为 UTF-8（带 BOM）的 .csv。文件名带北京时间的日期（Content-Disposition），时间列为北京时间。' +
  '逐页读取、边读边写，行数不限；中途出错时连接被中断，下载不完整，不会得到看似完整的文件。';
const FORMATS_EN =
  'An .xlsx by default; a UTF-8 .csv (with a byte order mark) for Accept: text/csv or format=csv. The file is named with the date in Beijing ' +
  '(Content-Disposition); times are Beijing time. Read a page at a time and written as read, whatever the number of rows; a failure midway ' +
  'breaks the connection, so an incomplete download never looks like a complete file.';

/** GET /v1/leads/export and GET /v1/follow-ups/export: what the list routes show, as a spreadsheet. */
export const exportsRoutes: FastifyPluginAsyncTypebox<ExportsOptions> = async (app, options) => {
  const db = app.database.db;
  const { personalData } = app;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const parkNames = async (): Promise<ParkNames> => {
    const names = new Map((await app.catalog.current()).snapshot.parks.map((park) => [park.id, park.name]));
    return (id) => names.get(id) ?? id;
  };

  app.get(
    '/v1/leads/export',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['leads'],
        summary: bilingual('导出线索（.xlsx / .csv）', 'Export leads (.xlsx or .csv)'),
        description: paragraphs(
          '与线索列表相同的筛选和可见范围（CRM 密钥只导出自己提交的线索），按登记时间排序。每行一条线索：需求、联系人、' +
            '最近一次匹配的前三个推荐园区（名称、匹配度、得分；尚未匹配的写“未匹配”）、未完成的跟进任务数及其负责人。' +
            FORMATS_ZH,
          'The filters and visibility of the lead list (a CRM key exports the leads it sent), oldest recorded first. A row per lead: its needs, ' +
            'contact, the top three parks of its latest match (name, fit, score; "not matched" when it has not been yet), and how many ' +
            'follow-up tasks are open and whose they are. ' +
            FORMATS_EN,
        ),
        security,
        querystring: LeadExportQuery,
        response: { 200: spreadsheet('线索表格', 'The leads as a spreadsheet'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { status, updatedSince, format } = request.query;
      const filter = { status, updatedSince: updatedSince === undefined ? undefined : new Date(updatedSince) };
      const scope = scopeOf(request.principal);
      return sendTable(request, reply, {
        rows: (output) => leadExportRows(db, personalData, scope, filter, { pageSize, output }),
        columns: leadColumns(await parkNames()),
        format: format ?? formatForAccept(request.headers.accept),
        sheetName: '线索 Leads',
        fileName: { ascii: 'leads', zh: '线索' },
      });
    },
  );

  app.get(
    '/v1/follow-ups/export',
    {
      config: { access: 'followups:read' },
      schema: {
        tags: ['follow-ups'],
        summary: bilingual('导出跟进任务（.xlsx / .csv）', 'Export follow-up tasks (.xlsx or .csv)'),
        description: paragraphs(
          '与跟进任务列表相同的筛选，最先到期在前。每行一个任务：线索、企业名称、类型、状态、到期时间、负责人、园区。' + FORMATS_ZH,
          'The filters of the follow-up list, soonest due first. A row per task: its lead, company, kind, status, due time, owner and park. ' +
            FORMATS_EN,
        ),
        security,
        querystring: TaskExportQuery,
        response: { 200: spreadsheet('跟进任务表格', 'The tasks as a spreadsheet'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const now = new Date();
      return sendTable(request, reply, {
        rows: (output) => taskExportRows(db, personalData, { ...filter, now }, { pageSize, output }),
        columns: taskColumns(await parkNames()),
        format: format ?? formatForAccept(request.headers.accept),
        sheetName: '跟进任务 Follow-ups',
        fileName: { ascii: 'follow-ups', zh: '跟进任务' },
      });
    },
  );
};
