import type { FastifySchema } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { exampleProblem, Problem, PROBLEM_TYPES } from '@leadmatch/domain';

/** The helpers every route uses for what Swagger UI shows staff: Chinese first, then English. */

/** A one-line summary: `登记线索 · Record a lead`. */
export function bilingual(zh: string, en: string): string {
  return `${zh} · ${en}`;
}

/** A description: a Chinese paragraph, then an English one (Markdown). */
export function paragraphs(zh: string, en: string): string {
  return `${zh}\n\n${en}`;
}

/** A file download (a spreadsheet, a PDF) of at most `maxBytes`, in each of the media types given. */
export function file(mediaTypes: string[], maxBytes: number, zh: string, en: string) {
  const schema = Type.Unsafe<Buffer | NodeJS.ReadableStream>({ type: 'string', format: 'binary', maxLength: maxBytes });
  return {
    description: bilingual(zh, en),
    headers: {
      'content-disposition': { type: 'string' as const, maxLength: 300, description: 'attachment, with an ASCII filename and, where it helps, a UTF-8 filename*' },
    },
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
  };
}

/** Every route but the health probes needs an API key; this is what lights Swagger UI's lock icons. */
export const bearerAuth = [{ bearerAuth: [] }];

/** A JSON success response with a description of its own instead of Swagger UI's "Default Response". */
export function json<T extends TSchema>(schema: T, zh: string, en: string) {
  return { description: bilingual(zh, en), content: { 'application/json': { schema } } };
}

const retryAfter = { 'retry-after': { type: 'integer' as const, description: bilingual('建议等待的秒数', 'Seconds to wait before retrying') } };

/**
 * What each status means on any route of this API. The problem types each status carries, with an
 * example of each, come from PROBLEM_TYPES, the list the error handler titles its answers by.
 */
const STATUSES = {
  400: {
    zh: '路径参数、查询参数、请求头或请求本身无效；字段问题由 errors 用 JSON pointer 逐一指出。',
    en: 'A path parameter, query parameter, header or the request itself is invalid; errors names each field by JSON pointer.',
  },
  401: { zh: '缺少 API 密钥或密钥无效：请点击 Authorize 填入密钥。', en: 'The API key is missing or unknown: use the Authorize button.' },
  403: { zh: '该密钥的角色无权执行此操作。', en: "The key's role does not allow this operation." },
  404: { zh: '不存在，或对该密钥不可见。', en: 'It does not exist, or this key may not see it.' },
  409: { zh: '与当前状态冲突（具体原因见接口说明与 detail）。', en: 'Conflicts with the current state (the description above and detail say how).' },
  413: { zh: '请求体过大。', en: 'The body is too large.' },
  415: { zh: '请求体的格式不被接受。', en: 'The body is not sent in a form the API takes.' },
  422: {
    zh: '请求体未通过校验或与已有数据不一致；errors 用 JSON pointer 列出每个有问题的字段（最多 100 条）。',
    en: 'The body failed validation or does not hold with what is stored; errors lists each offending field by JSON pointer (at most 100).',
  },
  429: { zh: '请求过于频繁；请按 Retry-After 稍后重试。', en: 'Too many requests; retry after Retry-After.', headers: retryAfter },
  503: {
    zh: '请求未被执行；请按 Retry-After 重试（写操作请带同一个 Idempotency-Key）。',
    en: 'Nothing was done; retry after Retry-After (writes with the same Idempotency-Key).',
    headers: retryAfter,
  },
} satisfies Record<number, { zh: string; en: string; headers?: Record<string, { type: 'integer'; description: string }> }>;

export type ProblemStatus = keyof typeof STATUSES;

/** `lead-closed` → `leadClosed`, an example's key. */
const camelCase = (type: string) => type.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The problem answer of a status: what it means, the types it carries (each with an example) and its headers. */
function problemResponse(status: ProblemStatus) {
  const { zh, en, ...rest } = STATUSES[status];
  const types = PROBLEM_TYPES.filter((entry) => entry.status === status && !('documented' in entry && entry.documented === false));
  const items = (language: 'zh' | 'en') =>
    types.map((entry) => `- \`/problems/${entry.type}\`${language === 'zh' ? '：' : ': '}${entry[language]}`).join('\n');
  return {
    description: paragraphs(`${zh}\n\n${items('zh')}`, `${en}\n\n${items('en')}`),
    ...('headers' in rest && { headers: rest.headers }),
    content: {
      'application/problem+json': {
        schema: Problem,
        examples: Object.fromEntries(
          types.map((entry) => [camelCase(entry.type), { summary: bilingual(entry.zh, entry.en), value: exampleProblem(entry) }]),
        ),
      },
    },
  };
}

/** RFC 9457 problem+json responses for the statuses given. */
export function problemResponses(...statuses: ProblemStatus[]) {
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(status)]));
}

/**
 * Any request to a route that needs a key can be rate-limited (429), or shed while the service is
 * overloaded or the database is down (503). These go into the document only: declaring them on every route would
 * compile two more serializers per route at boot, for answers problems.ts already shapes.
 */
export function withAnyRequestProblems(schema: FastifySchema | undefined, access: string | undefined): FastifySchema {
  if (!schema?.response || access === 'public') return schema ?? {};
  return { ...schema, response: { ...(schema.response as object), ...problemResponses(429, 503) } };
}
