import { randomInt, randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { loadConfig } from '@leadmatch/config';
import { assertNoPersonalDataLeaks, testDatabase, type TestDatabase } from '@leadmatch/testing';
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import pino from 'pino';
import type { Test } from 'tap';
import { buildApp, type AppOptions } from '../src/app.ts';
import { loggerOptions } from '@leadmatch/http';

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
  const logger = pino(loggerOptions('trace') as pino.LoggerOptions, { write: (line: string) => lines.push(line) });
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

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A random 统一社会信用代码 with a correct check character (GB 32100-2015). */
export function randomCreditCode(): string {
  const chars = Array.from({ length: 9 }, () => CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)]).join('');
  const body = `91${String(randomInt(100000, 999999))}${chars}`;
  const sum = [...body].reduce((total, char, i) => total + CREDIT_CODE_CHARSET.indexOf(char) * CREDIT_CODE_WEIGHTS[i]!, 0);
  return `${body}${CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]}`;
}

/** A complete lead of a company of its own (name and credit code), so dedup links it to no other lead. */
export function validLead(overrides: Record<string, unknown> = {}) {
  return {
    externalId: `CRM-${Math.random().toString(36).slice(2, 10)}`,
    company: { name: `苏州示例生物科技有限公司 ${randomUUID().slice(0, 8)}`, creditCode: randomCreditCode() },
    contact: { name: '张伟', phone: '13812345678', email: 'Zhang.Wei@example.com' },
    industry: '抗体药物研发与生产',
    uses: ['production', 'rnd'],
    land: { area: 50, unit: 'mu' },
    building: { area: 5000, unit: 'm2', tenure: 'rent' },
    annualTax: { amount: 2000, unit: 'wan_cny' },
    investment: { amount: 50000, unit: 'wan_cny' },
    employees: 200,
    regions: ['苏州'],
    policyInterests: ['financing'],
    notes: '希望年内投产',
    ...overrides,
  };
}

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
