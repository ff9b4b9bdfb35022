import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { customFormats, formatMessages } from './formats.ts';
import { MAX_FIELD_ERRORS, MAX_POINTER_LENGTH, type FieldError } from './problem.ts';

/** What a JSON Schema validator (ajv, or TypeBox's Value.Errors) reports about one problem. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string | undefined;
}

/** An ajv that reports every error and knows the domain's formats (credit codes, phones, e-mail, dates). */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: false, useDefaults: true, ...options });
  addFormats.default(ajv);
  for (const [name, validate] of Object.entries(customFormats)) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}

function describe(error: ValidationIssue): string {
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a recognised field';
    case 'type':
      return `must be ${String(p.type).split(',').map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or ')}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return formatMessages[p.format as keyof typeof formatMessages] ?? `must be a valid ${String(p.format)}`;
    case 'pattern':
    case 'minLength':
      return p.limit === 1 || error.keyword === 'pattern' ? 'must not be empty or blank' : `must be at least ${p.limit} characters`;
    case 'maxLength':
      return `must be at most ${p.limit} characters`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit} (larger values are not plausible)`;
    case 'exclusiveMinimum':
      return `must be greater than ${p.limit}`;
    case 'minItems':
      return `must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${p.limit} items`;
    case 'uniqueItems':
      return `must not repeat items (items ${p.j} and ${p.i} are the same)`;
    case 'minProperties':
      return 'must name at least one field';
    default:
      return error.message ?? 'is invalid';
  }
}

/** A pointer cut short ends in `…`, so a hostile key of any length cannot make the problem huge. */
function pointerOf(error: ValidationIssue): string {
  const p = error.params as Record<string, string>;
  const pointer =
    error.keyword === 'required'
      ? `${error.instancePath}/${p.missingProperty}`
      : error.keyword === 'additionalProperties'
        ? `${error.instancePath}/${p.additionalProperty}`
        : error.instancePath || '/';
  return pointer.length > MAX_POINTER_LENGTH ? `${pointer.slice(0, MAX_POINTER_LENGTH - 1)}…` : pointer;
}

/** Every offending field once (up to MAX_FIELD_ERRORS), by JSON pointer; structural `if` wrappers are left out. */
export function fieldErrors(errors: ValidationIssue[], location: string): FieldError[] {
  const seen = new Set<string>();
  return errors
    .filter((error) => error.keyword !== 'if')
    .map((error) => ({ pointer: pointerOf(error), location, message: describe(error) }))
    .filter((error) => {
      const key = `${error.pointer} ${error.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .slice(0, MAX_FIELD_ERRORS);
}
