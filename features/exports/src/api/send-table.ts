import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MEDIA_TYPES, writeTable, type Column, type TableFormat } from '@leadmatch/spreadsheets';
import { beijingDate } from '../columns.ts';
import { ExportStopped } from '../pages.ts';

export interface Table<Row> {
  /** Reads its rows as writeTable asks for them; must stop (ExportStopped) once `output` is destroyed. */
  rows: (output: PassThrough) => AsyncGenerator<Row>;
  columns: Column<Row>[];
  format: TableFormat;
  sheetName: string;
  /** The file's name without date and extension: ASCII, and in Chinese. */
  fileName: { ascii: string; zh: string };
}

/** `attachment; filename="leads-2026-12-06.xlsx"; filename*=UTF-8''线索-2026-12-06.xlsx` (RFC 6266, RFC 5987). */
export function attachment(fileName: Table<unknown>['fileName'], format: TableFormat, now: Date): string {
  const suffix = `-${beijingDate(now)}.${format}`;
  return `attachment; filename="${fileName.ascii}${suffix}"; filename*=UTF-8''${encodeURIComponent(fileName.zh + suffix)}`;
}

/** Holds back the first row until it has been read, so a failure of the first page still answers with a problem. */
async function primed<Row>(rows: AsyncGenerator<Row>): Promise<AsyncGenerator<Row>> {
  const first = await rows.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* rows;
  })();
}

/**
 * Streams a table as the reply: the first page is read before the headers are sent (so a database
 * that is down gives a 503 problem, not a broken file), then writeTable writes rows into the reply
 * as they are read. Mid-stream the status is already sent: a failure is logged and the stream is
 * destroyed, so the client sees a truncated download rather than a file that looks complete. The
 * client going away destroys the stream too, which stops the reads at the next page.
 */
export async function sendTable<Row>(request: FastifyRequest, reply: FastifyReply, table: Table<Row>) {
  const output = new PassThrough();
  let written = 0;
  const counted = async function* (rows: AsyncGenerator<Row>) {
    for await (const row of rows) {
      written += 1;
      yield row;
    }
  };
  const rows = await primed(table.rows(output));
  const started = performance.now();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished && !output.destroyed) output.destroy();
  });
  writeTable(counted(rows), table.columns, table.format, output, { sheetName: table.sheetName }).then(
    () => request.log.info({ export: table.fileName.ascii, format: table.format, rows: written, ms: Math.round(performance.now() - started) }, 'export written'),
    (error: unknown) => {
      if (error instanceof ExportStopped || output.destroyed) {
        request.log.info({ export: table.fileName.ascii, format: table.format, rows: written }, 'export stopped: the client went away');
      } else {
        request.log.error({ err: error, export: table.fileName.ascii, format: table.format, rows: written }, 'export failed after its first row');
      }
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return reply
    .type(MEDIA_TYPES[table.format])
    .header('content-disposition', attachment(table.fileName, table.format, new Date()))
    .header('cache-control', 'no-store')
    .send(output);
}
