import t from 'tap';
import { personalDataLeaks } from '@leadmatch/testing';
import { auth, buildTestApp, captureLogs, KEYS, post, validLead } from './support.ts';

t.test('contact names and phone numbers never reach the logs unmasked', async (t) => {
  const { lines, logger } = captureLogs();
  const { app } = await buildTestApp(t, { loggerInstance: logger });
  const lead = validLead({ contact: { name: '欧阳娜娜', phone: '13987654321', email: 'nana@example.com' } });
  await post(app, lead);
  await post(app, { ...lead, uses: ['nonsense'] });
  app.log.info({ lead: { contact: lead.contact } }, 'handler logs a lead');
  app.log.info({ contactPhone: '+8613987654321', contactName: '欧阳娜娜' }, 'flat fields');
  const text = lines.join('');
  t.ok(lines.length > 3, 'requests were logged');
  for (const secret of ['13987654321', '欧阳娜娜', 'nana@example.com', KEYS.crm]) {
    t.notOk(text.includes(secret), `${secret} does not appear`);
  }
  t.ok(text.includes('139****4321'), 'phones appear masked');
  t.ok(text.includes('欧***'), 'names appear masked');
  t.same(personalDataLeaks(lines, ['欧阳娜娜']), [], 'the leak detector finds nothing either');
});

t.test('logs are JSON lines', async (t) => {
  const { lines, logger } = captureLogs();
  const { app } = await buildTestApp(t, { loggerInstance: logger });
  await app.inject({ url: '/health/live', headers: auth(KEYS.crm) });
  t.ok(lines.length > 0);
  for (const line of lines) t.doesNotThrow(() => JSON.parse(line));
});
