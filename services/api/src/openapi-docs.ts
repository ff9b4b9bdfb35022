import { Problem, formatMessages } from '@leadmatch/domain';
import type { FastifySchema } from 'fastify';
import type { TSchema } from 'typebox';

/** The helpers every route uses for what Swagger UI shows staff: Chinese first, then English. */

/** A one-line summary: `登记线索 · Record a lead`. */
export function bilingual(zh: string, en: string): string {
  return `${zh} · ${en}`;
}

/** A description: a Chinese paragraph, then an English one (Markdown). */
export function paragraphs(zh: string, en: string): string {
  return `${zh}\n\n${en}`;
}

/** Every route but the health probes needs an API key; this is what lights Swagger UI's lock icons. */
export const bearerAuth = [{ bearerAuth: [] }];

/** A JSON success response with a description of its own instead of Swagger UI's "Default Response". */
export function json<T extends TSchema>(schema: T, zh: string, en: string) {
  return { description: bilingual(zh, en), content: { 'application/json': { schema } } };
}

interface ProblemDoc {
  zh: string;
  en: string;
  examples: Record<string, { summary: string; value: Problem }>;
  headers?: Record<string, { type: 'integer'; description: string }>;
}

const retryAfter = { 'retry-after': { type: 'integer' as const, description: bilingual('建议等待的秒数', 'Seconds to wait before retrying') } };

/** What each status means on this API, with an answer it really gives (titles and details as problems.ts words them). */
const PROBLEMS = {
  400: {
    zh: '路径参数、查询参数或请求头无效；errors 用 JSON pointer 指出每个字段。',
    en: 'A path parameter, query parameter or header is invalid; errors names each one by JSON pointer.',
    examples: {
      queryOutOfRange: {
        summary: bilingual('例：查询参数越界', 'E.g. a query parameter out of range'),
        value: {
          type: '/problems/validation-failed',
          title: 'Bad request',
          status: 400,
          detail: 'The querystring has 1 invalid field(s).',
          errors: [{ pointer: '/limit', location: 'querystring', message: 'must be at most 200 (larger values are not plausible)' }],
        },
      },
    },
  },
  401: {
    zh: '缺少 API 密钥或密钥无效：请点击 Authorize 填入密钥。',
    en: 'The API key is missing or unknown: use the Authorize button.',
    examples: {
      noKey: {
        summary: bilingual('未携带密钥', 'No key sent'),
        value: {
          type: '/problems/unauthorized',
          title: 'Unauthorized',
          status: 401,
          detail: 'Send a valid API key as "Authorization: Bearer <key>".',
        },
      },
    },
  },
  403: {
    zh: '该密钥的角色无权执行此操作。',
    en: "The key's role does not allow this operation.",
    examples: {
      roleTooNarrow: {
        summary: bilingual('角色权限不足', 'Role not allowed'),
        value: { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: "This API key's role does not allow catalog:write." },
      },
    },
  },
  404: {
    zh: '不存在，或对该密钥不可见。',
    en: 'It does not exist, or this key may not see it.',
    examples: {
      notVisible: {
        summary: bilingual('例：线索不存在或不可见', 'E.g. a lead missing or not visible'),
        value: { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'No lead with this id is visible to this API key.' },
      },
    },
  },
  409: {
    zh: '与当前状态冲突（具体原因见接口说明与 detail）。',
    en: 'Conflicts with the current state (the description above and detail say how).',
    examples: {
      alreadyClosed: {
        summary: bilingual('例：线索已关闭', 'E.g. a lead already closed'),
        value: {
          type: '/problems/lead-closed',
          title: 'Conflict',
          status: 409,
          detail: 'This lead is already closed; reopen it first to close it again.',
        },
      },
    },
  },
  413: {
    zh: '请求体过大（一般上限 64 KiB；目录批量导入 16 MiB）。',
    en: 'The body is too large (64 KiB; 16 MiB for the catalog import).',
    examples: {
      tooLarge: {
        summary: bilingual('请求体过大', 'Body too large'),
        value: { type: '/problems/body-too-large', title: 'Request body too large', status: 413, detail: 'The body must be at most 64 KiB.' },
      },
    },
  },
  415: {
    zh: '请求体须为 application/json。',
    en: 'The body must be sent as application/json.',
    examples: {
      notJson: {
        summary: bilingual('不是 JSON', 'Not JSON'),
        value: {
          type: '/problems/unsupported-media-type',
          title: 'Unsupported media type',
          status: 415,
          detail: 'Send the body as application/json.',
        },
      },
    },
  },
  422: {
    zh: '请求体未通过校验；errors 用 JSON pointer 列出每个有问题的字段（最多 100 条）。',
    en: 'The body failed validation; errors lists each offending field by JSON pointer (at most 100).',
    examples: {
      badPhone: {
        summary: bilingual('手机号格式错误', 'Invalid phone number'),
        value: {
          type: '/problems/validation-failed',
          title: 'Unprocessable content',
          status: 422,
          detail: 'The body has 1 invalid field(s).',
          errors: [{ pointer: '/contact/phone', location: 'body', message: formatMessages['mobile-phone'] }],
        },
      },
    },
  },
  429: {
    zh: '超出该密钥（无有效密钥时按来源地址）每分钟的请求上限；请按 Retry-After 稍后重试。',
    en: 'Over the per-minute budget of this key (or of this address, without a valid key); retry after Retry-After.',
    headers: retryAfter,
    examples: {
      rateLimited: {
        summary: bilingual('请求过于频繁', 'Rate limited'),
        value: {
          type: '/problems/rate-limited',
          title: 'Too many requests',
          status: 429,
          detail: 'This API key sent more than 600 requests in a minute; retry in 42 seconds.',
        },
      },
    },
  },
  503: {
    zh: '服务过载或数据库暂时无法访问，请求未被执行；请按 Retry-After 重试（写操作请带同一个 Idempotency-Key）。',
    en:
      'The service is overloaded or the database is unreachable, and nothing was done; ' +
      'retry after Retry-After (writes with the same Idempotency-Key).',
    headers: retryAfter,
    examples: {
      overloaded: {
        summary: bilingual('服务过载', 'Overloaded'),
        value: { type: '/problems/overloaded', title: 'Service unavailable', status: 503, detail: 'The service is overloaded; retry in 5 seconds.' },
      },
      databaseUnavailable: {
        summary: bilingual('数据库不可用', 'Database unreachable'),
        value: {
          type: '/problems/database-unavailable',
          title: 'Service unavailable',
          status: 503,
          detail: 'The database cannot be reached right now. Retry later, with the same Idempotency-Key if you sent one.',
        },
      },
    },
  },
} satisfies Record<number, ProblemDoc>;

export type ProblemStatus = keyof typeof PROBLEMS;

function problemResponse({ zh, en, examples, headers }: ProblemDoc) {
  return {
    description: paragraphs(zh, en),
    ...(headers && { headers }),
    content: { 'application/problem+json': { schema: Problem, examples } },
  };
}

/** RFC 9457 problem+json responses for the statuses given. */
export function problemResponses(...statuses: ProblemStatus[]) {
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(PROBLEMS[status])]));
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
