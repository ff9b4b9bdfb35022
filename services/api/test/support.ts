import { loadConfig } from '@leadmatch/config';
import { testDatabase, type TestDatabase } from '@leadmatch/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { buildApp, type AppOptions } from '../src/app.ts';

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

/** An app on a database of this test file's own, closed at teardown. */
export async function buildTestApp(t: Test, overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  const database = await testDatabase(t);
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const app = await buildApp({ config, database, ...overrides });
  t.teardown(() => app.close());
  return { app, database };
}

export const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });

export function validLead(overrides: Record<string, unknown> = {}) {
  return {
    externalId: `CRM-${Math.random().toString(36).slice(2, 10)}`,
    company: { name: '苏州示例生物科技有限公司', creditCode: '9144030071526726XG' },
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
