import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import pino from 'pino';
import type { Test } from 'tap';
import { loadConfig } from '@leadmatch/config';
import { loggerOptions } from '@leadmatch/http';
import { assertNoPersonalDataLeaks, testDatabase, type TestDatabase } from '@leadmatch/testing';
import { buildApp, type AppOptions } from '../src/app.ts';

export { randomCreditCode, validLead } from '@leadmatch/testing';

export const KEYS = {
  crm: 'crm-secret-one',
  otherCrm: 'crm-secret-two',
  staff: 'staff-secret',
  admin: 'admin-secret',
} as const;

export const API_KEYS = `crm:${KEYS.crm},crm:${KEYS.otherCrm},staff:${KEYS.staff},admin:${KEYS.admin}`;

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
}

/** A logger as the API builds it (every level, production redaction) that keeps its JSON lines in memory. */
export function captureLogs() {
  const lines: string[] = [];
  const logger = pino(loggerOptions({ logLevel: 'trace', logFormat: 'json' }) as pino.LoggerOptions, { write: (line: string) => lines.push(line) });
  return { lines, logger };
}

/**
 * An app on a database of this test file's own, closed at teardown. Unless the caller brings its own
 * logger, everything the app logs is kept and, at teardown, must show no phone number or contact name.
 */
export async function buildTestApp(t: Test, overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  const database = await testDatabase(t);
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const logs = overrides.logger === undefined && overrides.loggerInstance === undefined ? captureLogs() : undefined;
  const app = await buildApp({ config, database, ...(logs && { loggerInstance: logs.logger }), ...overrides });
  t.teardown(async () => {
    await app.close();
    if (logs) assertNoPersonalDataLeaks(logs.lines, 'the API test app');
  });
  return { app, database };
}

export const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });

export function post(app: FastifyInstance, body: unknown, headers: Record<string, string> = auth(KEYS.crm)) {
  return app.inject({ method: 'POST', url: '/v1/leads', headers, payload: body as object });
}

export function problemOf(response: LightMyRequestResponse) {
  return response.json() as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { pointer: string; location: string; message: string }[];
  };
}

/**
 * An app like buildTestApp's, with every route it registers as Fastify saw it (schemas included,
 * hidden ones too). The onRoute hook goes on the instance as soon as Fastify creates it, through
 * Fastify's `fastify.initialization` diagnostics channel, so it sees the routes buildApp adds.
 */
export async function buildTestAppWithRoutes(
  t: Test,
  overrides: Partial<AppOptions> = {},
): Promise<TestApp & { routes: RouteOptions[] }> {
  const routes: RouteOptions[] = [];
  const initialization = diagnostics.channel('fastify.initialization');
  const observe = (message: unknown) => {
    initialization.unsubscribe(observe);
    (message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (route) => {
      routes.push(route);
    });
  };
  initialization.subscribe(observe);
  try {
    return { ...(await buildTestApp(t, overrides)), routes };
  } finally {
    initialization.unsubscribe(observe);
  }
}
