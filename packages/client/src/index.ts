import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi.generated.ts';

export type { components, paths } from './openapi.generated.ts';

export interface LeadmatchClientOptions {
  /** Where the API listens, e.g. `https://leadmatch.example.org`. */
  baseUrl: string;
  /** A key from the API's API_KEYS, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Replaces the global fetch (to add retries, a proxy or a test double). */
  fetch?: (request: Request) => Promise<Response>;
}

export type LeadmatchClient = Client<paths>;

/** A schema openapi.json names under `components.schemas`, e.g. `Schema<'Park'>` or `Schema<'MatchResult'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The body POST /v1/leads (and POST /v1/match) takes. */
export type LeadInput = NonNullable<paths['/v1/leads']['post']['requestBody']>['content']['application/json'];

/** An RFC 9457 problem+json document, as every error answer carries; `errors` names each offending field. */
export type Problem = paths['/v1/leads']['post']['responses'][422]['content']['application/problem+json'];

/** A typed client for the lead matching API: every path, parameter, body and answer as openapi.json declares it. */
export function createLeadmatchClient(options: LeadmatchClientOptions): LeadmatchClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch && { fetch: options.fetch }),
  });
}
