import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { closed, DomainError } from '@leadmatch/domain';

/** A file a request uploaded, read whole: uploads here are spreadsheets a desk keeps, bounded by `maxBytes`. */
export interface Upload {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    upload: Upload | null;
  }
}

/** The body of an upload route as OpenAPI (and Swagger UI's file picker) shows it: one multipart part named `file`. */
export const UploadBody = Type.Object(
  { file: Type.String({ format: 'binary', maxLength: 255, description: '.xlsx 或 .csv 文件 · an .xlsx or .csv file' }) },
  { ...closed, description: 'multipart/form-data with one file part named "file"' },
);

/**
 * Lets the routes of the calling plugin take one uploaded file (multipart/form-data, part `file`):
 * it is read before validation into `request.upload`, and the body validated is `{ file: <its name> }`.
 * Register inside the plugin whose routes take uploads, so other routes keep refusing multipart.
 */
export async function acceptUploads(app: FastifyInstance, options: { maxBytes: number }): Promise<void> {
  await app.register(multipart, { limits: { fileSize: options.maxBytes, files: 1, fields: 0, parts: 1 } });
  app.decorateRequest('upload', null);
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      throw new DomainError('file-missing', 400, 'Send the file as the multipart part "file".', [
        { pointer: '/file', location: 'body', message: 'is required: one .xlsx or .csv file' },
      ]);
    }
    const content = await part.toBuffer();
    request.upload = { fileName: part.filename, mediaType: part.mimetype, content };
    request.body = { file: part.filename };
  });
}
