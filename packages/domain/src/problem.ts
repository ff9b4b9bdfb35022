import { Type, type Static } from 'typebox';
import type { ProblemStatusOf, ProblemType } from './problem-types.ts';
import { Named } from './schema-names.ts';

/** How many field errors one problem lists, and how long a pointer into the request may get. */
export const MAX_FIELD_ERRORS = 100;
export const MAX_POINTER_LENGTH = 1000;

/** RFC 9457 problem details, with the offending fields as JSON pointers into the request. */
export const Problem = Named('Problem', Type.Object(
  {
    type: Type.String({ maxLength: 200, description: '问题类别 · The kind of problem, e.g. /problems/validation-failed' }),
    title: Type.String({ maxLength: 200, description: 'HTTP 状态的简短说明 · A short title for the status' }),
    status: Type.Integer({ minimum: 100, maximum: 599, description: 'HTTP 状态码 · The HTTP status code' }),
    detail: Type.Optional(Type.String({ maxLength: 2000, description: '这一次出了什么问题 · What went wrong this time' })),
    instance: Type.Optional(Type.String({ maxLength: 16_384, description: 'The request path; bounded by the HTTP header limit' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            pointer: Type.String({ maxLength: MAX_POINTER_LENGTH, description: 'JSON pointer to the offending field' }),
            location: Type.String({
              enum: ['body', 'querystring', 'params', 'headers', 'catalog', 'file'],
              description: 'Where the field is: the request, the rest of the catalog, or an uploaded file (the pointer names a cell: /<sheet>/<row>/<column> in an inventory, /C1 for a ledger header)',
            }),
            message: Type.String({ maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: MAX_FIELD_ERRORS, description: `The first ${MAX_FIELD_ERRORS} problems` },
      ),
    ),
  },
  {
    $id: 'Problem',
    additionalProperties: false,
    description: 'RFC 9457 problem+json：每个错误都是这种格式 · Every error is one of these',
  },
));
export type Problem = Static<typeof Problem>;
export type FieldError = NonNullable<Problem['errors']>[number];

/** A problem type and a status the list gives it, then the detail and the field errors. */
type DomainErrorArguments = {
  [T in ProblemType]: [code: T, status: ProblemStatusOf<T>, message: string, errors?: FieldError[]];
}[ProblemType];

/**
 * A failure the domain knows how to describe; the API answers it as problem+json. Its code is one of
 * the problem types PROBLEM_TYPES lists, at a status the list gives that type.
 */
export class DomainError extends Error {
  readonly code: ProblemType;
  readonly status: ProblemStatusOf<ProblemType>;
  readonly errors?: FieldError[];

  constructor(...[code, status, message, errors]: DomainErrorArguments) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.errors = errors;
  }
}
