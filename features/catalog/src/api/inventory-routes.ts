import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { closed, DomainError, StringEnum } from '@leadmatch/domain';
import { acceptUploads, bearerAuth as security, bilingual, file, json, paragraphs, problemResponses, UploadBody } from '@leadmatch/http';
import { formatOfFileName, MEDIA_TYPES } from '@leadmatch/spreadsheets';
import { importInventory } from '../inventory/import-inventory.ts';
import { INVENTORY_TEMPLATE_FILE_NAME, inventoryTemplate } from '../inventory/template.ts';
import { IdParams } from './schemas.ts';

/** An inventory is one park's list: a few thousand rows at most. */
const INVENTORY_MAX_BYTES = 10 * 1024 * 1024;

const InventoryImportResult = Type.Object(
  {
    parkId: Type.String({ maxLength: 80 }),
    catalogVersion: Type.Integer({ description: 'The catalog version after the import (unchanged when it changed nothing)' }),
    carriers: Type.Array(
      Type.Object(
        {
          row: Type.Integer({ description: 'The row in the sheet' }),
          id: Type.String({ maxLength: 80 }),
          outcome: StringEnum(['created', 'updated', 'unchanged'] as const),
        },
        closed,
      ),
      { maxItems: 100_000 },
    ),
    thresholds: StringEnum(['updated', 'unchanged', 'not-given'] as const, { description: 'What the 门槛 sheet did to the park’s 亩均 thresholds' }),
    ignoredSheets: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 256, description: 'Sheets that are neither carriers, thresholds nor notes: not read' }),
  },
  { ...closed, $id: 'InventoryImportResult' },
);

export const inventoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await acceptUploads(app, { maxBytes: INVENTORY_MAX_BYTES });

  app.post(
    '/parks/:id/inventory',
    {
      config: { access: 'catalog:write' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('导入园区载体清单（.xlsx/.csv）', "Import a park's carrier inventory (.xlsx/.csv)"),
        description: paragraphs(
          '上传园区的载体清单（multipart 字段 file），格式见 GET /v1/catalog/inventory-template：“载体清单”表每行一个载体（按载体编号新建或替换；未填编号时按名称生成，重复导入得到同一编号），' +
            '可选的“门槛”表给出亩均税收、亩均投资门槛（万元/亩）。全部校验后要么整体写入，要么一条不写并按工作表、行、列列出全部问题（422）。' +
            '每个改动的载体记入目录变更记录，并照常触发相关线索的重新匹配。重复导入同一文件不产生改动。仅管理员可用；文件最大 10 MiB。',
          'Upload a park’s carrier inventory (multipart part "file"), laid out as GET /v1/catalog/inventory-template gives it: the 载体清单 sheet holds a carrier per row ' +
            '(created or replaced by its id; left blank, the id is made from the name, the same on every import), an optional 门槛 sheet the park’s 亩均 tax and investment thresholds (万元/亩). ' +
            'Everything is checked first: it all goes in, or nothing does and every problem is listed by sheet, row and column (422). ' +
            'Each carrier changed is recorded in the catalog change log, and re-matching of the leads it can affect follows as for any catalog change. ' +
            'Importing the same file again changes nothing. Admins only; up to 10 MiB.',
        ),
        security,
        params: IdParams,
        consumes: ['multipart/form-data'],
        body: UploadBody,
        response: {
          200: json(InventoryImportResult, '已导入（或没有改动）', 'Imported (or nothing changed)'),
          ...problemResponses(400, 401, 403, 404, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const upload = request.upload;
      const format = upload && formatOfFileName(upload.fileName);
      if (!upload || !format) throw new DomainError('unsupported-file-type', 415, 'Upload one .xlsx or .csv file as the multipart part "file".');
      return importInventory(app.database.db, request.principal.keyId, {
        parkId: request.params.id,
        fileName: upload.fileName,
        format,
        content: Readable.from([upload.content]),
      });
    },
  );

  app.get(
    '/catalog/inventory-template',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('载体清单模板（.xlsx）', 'The carrier inventory template (.xlsx)'),
        description: paragraphs(
          '“载体清单”表只有表头，“门槛”表列出两项门槛（数值留空则不改），“说明”表解释每一列及可填的词。原样导入不会改变任何内容。',
          'The 载体清单 sheet has the headers only, the 门槛 sheet names the two thresholds (blank values change nothing), and the 说明 sheet explains each column and the words it takes. Imported as it is, it changes nothing.',
        ),
        security,
        response: { 200: file([MEDIA_TYPES.xlsx], 1024 * 1024, '模板', 'The template'), ...problemResponses(401, 403) },
      },
    },
    async (_request, reply) => {
      reply.header('content-disposition', `attachment; filename="${INVENTORY_TEMPLATE_FILE_NAME}"`);
      return reply.type(MEDIA_TYPES.xlsx).send(await inventoryTemplate());
    },
  );
};
