import { Type, type Static } from 'typebox';

/** RFC 9457 problem details, with the offending fields as JSON pointers into the request. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON pointer to the offending field' }),
          location: Type.String({ description: 'body, querystring, params or headers' }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;
export type FieldError = NonNullable<Problem['errors']>[number];

/** A failure the domain knows how to describe; the API maps it to problem+json. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
