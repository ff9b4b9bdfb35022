/**
 * The problem catalogue. Longer than most files on purpose: it is one list, read top to bottom, from
 * which the error handler, the docs and the OpenAPI answers are all made; split, it would be read in pieces.
 */
import { formatMessages } from './formats.ts';
import type { FieldError, Problem } from './problem.ts';

/**
 * How the API titles a problem by its status (RFC 9457 `title`): every type answered with a status
 * carries that status's title, but for the few Node's HTTP parser refuses (see PROBLEM_TYPES).
 */
export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** One kind of problem the API answers with: a `type` (`/problems/<type>`) at one status. */
export interface ProblemTypeEntry {
  /** The last segment of the problem's `type`. */
  type: string;
  status: number;
  /** The `title` of every answer of this type and status. */
  title: string;
  /** When the API answers with it: Chinese, then English. */
  zh: string;
  en: string;
  /** An answer the API really gives, with its `detail` (and `errors`, for field problems). */
  example: { detail: string; errors?: readonly FieldError[] };
  /** False for problems only a route outside the OpenAPI document answers with. */
  documented?: false;
}

const entry = <const T extends string, const S extends number>(
  type: T,
  status: S,
  zh: string,
  en: string,
  example: ProblemTypeEntry['example'],
  more: { title?: string; documented?: false } = {},
) => ({ type, status, title: more.title ?? STATUS_TITLES[status]!, zh, en, example, ...(more.documented === false && { documented: false as const }) });

/**
 * Every problem the API answers with, as one typed list: the error handler titles its answers from it,
 * `DomainError` and `sendProblem` take only the types (and statuses) it lists, and the OpenAPI
 * document's problem answers (descriptions and examples) are made from it. Types whose status varies
 * with the request (validation-failed) have an entry per status.
 */
export const PROBLEM_TYPES = [
  // ---------------------------------------------------------------- 400
  entry(
    'validation-failed',
    400,
    '路径参数、查询参数、请求头或翻页游标无效',
    'A path parameter, query parameter, header or cursor is invalid',
    {
      detail: 'The querystring has 1 invalid field(s).',
      errors: [{ pointer: '/limit', location: 'querystring', message: 'must be at most 200 (larger values are not plausible)' }],
    },
  ),
  entry('malformed-json', 400, '请求体不是有效的 JSON，或声明为 JSON 却为空', 'The body is not valid JSON, or is empty though sent as JSON', {
    detail: 'The body is not valid JSON.',
  }),
  entry('invalid-utf8', 400, '请求体不是有效的 UTF-8', 'The body is not valid UTF-8', { detail: 'The body is not valid UTF-8.' }),
  entry('file-missing', 400, '上传请求中没有文件（multipart/form-data 的 file 部分）', 'The upload has no file (the file part of multipart/form-data)', {
    detail: 'Send the ledger as the file part of a multipart/form-data body.',
  }),
  entry('bad-url', 400, 'URL 编码无效', 'The URL is not validly encoded', { detail: 'The URL is not validly encoded.' }),
  entry(
    'bad-request',
    400,
    'Fastify 拒绝的其他请求（状态码随原因而定）',
    'Any other request Fastify refuses (with the status it gives)',
    { detail: 'Request body size did not match Content-Length' },
  ),
  entry(
    'malformed-request',
    400,
    '请求不是有效的 HTTP（例如 URL 中有未编码的中文）',
    'The request is not valid HTTP (Chinese left unencoded in the URL, say)',
    { detail: 'The request is not valid HTTP; a URL must percent-encode characters outside ASCII (苏州 is %E8%8B%8F%E5%B7%9E).' },
    { title: 'Bad Request' },
  ),
  // ---------------------------------------------------------------- 401, 403, 404
  entry('unauthorized', 401, '缺少 API 密钥或密钥无效', 'The API key is missing or unknown', {
    detail: 'Send a valid API key as "Authorization: Bearer <key>".',
  }),
  entry('forbidden', 403, '该密钥的角色无权执行此操作', "The key's role does not allow this operation", {
    detail: "This API key's role does not allow catalog:write.",
  }),
  entry('not-found', 404, '不存在，或对该密钥不可见', 'It does not exist, or this key may not see it', {
    detail: 'No lead with this id is visible to this API key.',
  }),
  entry(
    'queue-dashboard-unavailable',
    404,
    '未配置 Redis 时没有任务队列面板',
    'The queue dashboard needs Redis (REDIS_URL)',
    { detail: 'The queue dashboard shows BullMQ queues; set REDIS_URL to run jobs through BullMQ.' },
    { documented: false },
  ),
  // ---------------------------------------------------------------- 408
  entry(
    'request-timeout',
    408,
    '请求未在时限内到达',
    'The request did not arrive in time',
    { detail: 'The request did not arrive in time.' },
    { title: 'Request Timeout' },
  ),
  // ---------------------------------------------------------------- 409
  entry('conflict', 409, '与对象当前状态冲突（如任务已完成、投递未失败）', "Conflicts with the object's state (a task no longer open, a delivery that did not fail)", {
    detail: 'The task is done; only an open task can be cancelled.',
  }),
  entry('lead-closed', 409, '线索已关闭', 'The lead is already closed', { detail: 'This lead is already closed; reopen it first to close it again.' }),
  entry('lead-open', 409, '线索未关闭，无法重新打开', 'The lead is open, so it cannot be reopened', {
    detail: 'This lead is open; only a closed lead can be reopened.',
  }),
  entry('lead-erased', 409, '线索的个人数据已删除，不能再修改', "The lead's personal data was erased; it can no longer be changed", {
    detail: "This lead's personal data was erased; it can no longer be changed.",
  }),
  entry('lead-not-matched', 409, '线索尚未完成匹配，还没有可写入建议书的结果', 'The lead has not been matched yet, so there is no result to brief', {
    detail: 'This lead has not been matched yet; matching is under way, ask again in a moment.',
  }),
  entry(
    'duplicate-lead',
    409,
    '该密钥的另一条未关闭线索已是同一企业；errors 指出冲突的字段',
    'Another open lead of this key already has the company; errors names the field that collides',
    {
      detail: 'Another open lead of this API key already has this company.',
      errors: [{ pointer: '/company/creditCode', location: 'body', message: 'is the credit code of another open lead' }],
    },
  ),
  entry('already-exists', 409, '该 id 已存在（用 PUT 替换）', 'The id exists already (PUT replaces it)', {
    detail: 'A carrier with id "sip-biobay-lab" exists; PUT replaces it.',
  }),
  entry(
    'catalog-conflict',
    409,
    '目录中仍有其他条目引用它',
    'Other catalog entries still refer to it',
    {
      detail: 'Other catalog entries still refer to this one; change them first.',
      errors: [{ pointer: '/remove/0', location: 'body', message: 'is still referred to by parks "sip-biobay" at /sources/0/source' }],
    },
  ),
  entry('too-many-staff', 409, '工作人员已达上限', 'The staff list is full', { detail: 'At most 1000 staff members; deactivate or reuse one.' }),
  entry('too-many-subscriptions', 409, 'Webhook 订阅已达上限', 'The webhook subscriptions are at their limit', {
    detail: 'At most 100 subscriptions; delete one first.',
  }),
  // ---------------------------------------------------------------- 413, 414, 415
  entry('body-too-large', 413, '请求体过大（一般上限 64 KiB；目录批量导入 16 MiB；线索台账 32 MiB）', 'The body is too large (64 KiB; 16 MiB for the catalog import; 32 MiB for a lead ledger)', {
    detail: 'The body must be at most 64 KiB.',
  }),
  entry('path-too-long', 414, '路径参数过长', 'A path parameter is too long', { detail: 'A path parameter is too long.' }),
  entry('unsupported-media-type', 415, '请求体须为 application/json', 'The body must be sent as application/json', {
    detail: 'Send the body as application/json.',
  }),
  entry('unsupported-file-type', 415, '上传的文件须为 .xlsx 或 .csv', 'The uploaded file must be an .xlsx or a .csv', {
    detail: 'Upload one .xlsx or .csv file as the multipart field "file".',
  }),
  entry('unsupported-content-encoding', 415, '不接受压缩的请求体（Content-Encoding）', 'A compressed body (any Content-Encoding) is refused', {
    detail: 'Send the body without a Content-Encoding (identity); compressed bodies are not accepted.',
  }),
  // ---------------------------------------------------------------- 422
  entry(
    'validation-failed',
    422,
    '请求体未通过校验；errors 用 JSON pointer 列出每个有问题的字段（最多 100 条）',
    'The body failed validation; errors lists each offending field by JSON pointer (at most 100)',
    {
      detail: 'The body has 1 invalid field(s).',
      errors: [{ pointer: '/contact/phone', location: 'body', message: formatMessages['mobile-phone'] }],
    },
  ),
  entry(
    'invalid-text',
    422,
    '请求中有数据库无法保存的字符或数字（控制字符、孤立代理项、非有限数）',
    'The request holds characters or numbers no database can store (control characters, lone surrogates, non-finite numbers)',
    {
      detail: 'The request has 1 field(s) with characters or numbers that cannot be stored.',
      errors: [{ pointer: '/notes', location: 'body', message: 'must not contain control characters other than tab and line breaks' }],
    },
  ),
  entry(
    'invalid-industry-code',
    422,
    '登记的行业代码不是国民经济行业分类的小类',
    'The registered industry code is not a GB/T 4754-2017 class',
    {
      detail: 'The registered industry code is not a GB/T 4754-2017 class.',
      errors: [{ pointer: '/industryCode', location: 'body', message: '"C3440" is not a GB/T 4754-2017 class (小类); GET /v1/industries?level=class lists them' }],
    },
  ),
  entry(
    'ledger-header-invalid',
    422,
    '台账表头有未知或重复的列，或缺少必填列；未读取任何数据行，errors 按单元格列出每个问题',
    'The ledger header has unknown or repeated columns, or lacks required ones; no row was read, errors names each cell',
    {
      detail: 'The ledger header has 1 problem(s); no row was read.',
      errors: [{ pointer: '/C1', location: 'file', message: 'C1「电话号码」: 无法识别的列名 · unknown column "电话号码"' }],
    },
  ),
  entry('ledger-unreadable', 422, '上传的文件无法按其扩展名读取（损坏或不是表格）', 'The uploaded file cannot be read as its extension says (damaged, or not a spreadsheet)', {
    detail: 'The file cannot be read as .xlsx: it is not a zip archive.',
  }),
  entry('idempotency-key-reused', 422, '该 Idempotency-Key 已用于另一个请求体', 'The Idempotency-Key was already used with another body', {
    detail: 'This Idempotency-Key was already used with a different request body.',
  }),
  entry(
    'catalog-invalid',
    422,
    '目录修改与目录其余部分不一致，未写入任何内容',
    'The catalog change does not hold with the rest of the catalog; nothing was written',
    {
      detail: 'The catalog change has 1 problem(s); nothing was written.',
      errors: [{ pointer: '/parks/0/sources/0/source', location: 'body', message: 'refers to source "sip-2025", which is not in the catalog' }],
    },
  ),
  entry('inventory-invalid', 422, '载体清单有问题，未写入任何内容；errors 按工作表、行、列列出全部问题', 'The inventory has problems; nothing was written; errors lists every one by sheet, row and column', {
    detail: 'The inventory has 1 problem(s); nothing was written.',
    errors: [{ pointer: '/载体清单/5/B', location: 'file', message: 'B5（载体类型）：“厂”不是可识别的载体类型 · is not a carrier type' }],
  }),
  // ---------------------------------------------------------------- 429, 431
  entry(
    'rate-limited',
    429,
    '超出该密钥（无有效密钥时按来源地址）每分钟的请求上限',
    'Over the per-minute budget of this key (or of this address, without a valid key)',
    { detail: 'This API key sent more than 600 requests in a minute; retry in 42 seconds.' },
  ),
  entry(
    'headers-too-large',
    431,
    '请求头超出上限',
    'The request headers are larger than the server accepts',
    { detail: 'The request headers are larger than the server accepts.' },
    { title: 'Request Header Fields Too Large' },
  ),
  // ---------------------------------------------------------------- 500, 503
  entry('internal-error', 500, '服务端出错，请求未被执行', 'Something failed on the server and the request was not applied', {
    detail: 'Something went wrong on our side; the request was not applied.',
  }),
  entry('overloaded', 503, '服务过载，请求未被执行', 'The service is overloaded and did nothing', { detail: 'The service is overloaded; retry in 5 seconds.' }),
  entry('database-unavailable', 503, '数据库暂时无法访问，请求未被执行', 'The database is unreachable and nothing was done', {
    detail: 'The database cannot be reached right now. Retry later, with the same Idempotency-Key if you sent one.',
  }),
] as const satisfies readonly ProblemTypeEntry[];

type Entry = (typeof PROBLEM_TYPES)[number];

/** A problem type, as `DomainError` and `sendProblem` take it (the last segment of `/problems/…`). */
export type ProblemType = Entry['type'];
/** The statuses the API answers a problem type with. */
export type ProblemStatusOf<T extends ProblemType> = Extract<Entry, { type: T }>['status'];

/** The entry for a type at a status, if the list has one. */
export function problemTypeEntry(type: ProblemType, status: number): ProblemTypeEntry | undefined {
  return PROBLEM_TYPES.find((candidate) => candidate.type === type && candidate.status === status);
}

/**
 * A problem document as the API writes it. The title is the list's for this type and status; a status
 * the list does not give the type (Fastify's own errors keep theirs) has its status's title.
 */
export function problemDocument(type: ProblemType, status: number, detail: string, more: { instance?: string; errors?: readonly FieldError[] } = {}): Problem {
  return {
    type: `/problems/${type}`,
    title: problemTypeEntry(type, status)?.title ?? STATUS_TITLES[status] ?? 'Error',
    status,
    detail,
    ...(more.instance !== undefined && { instance: more.instance }),
    ...(more.errors && { errors: [...more.errors] }),
  };
}

/** The example answer of an entry, as a problem document. */
export function exampleProblem(entry: ProblemTypeEntry): Problem {
  return problemDocument(entry.type as ProblemType, entry.status, entry.example.detail, { errors: entry.example.errors });
}
