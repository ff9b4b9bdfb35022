import t from 'tap';
import { seedCatalog } from '@leadmatch/catalog';
import { auth, buildTestApp, KEYS, problemOf } from './support.ts';

const { app, database } = await buildTestApp(t);
await seedCatalog(database.db);
const admin = auth(KEYS.admin);
const crm = auth(KEYS.crm);

const carrier = {
  id: 'staff-sip-test-factory',
  parkId: 'sip',
  type: 'standard-factory',
  label: '测试标准厂房',
  area: { value: 3000, unit: 'm2', qualifier: 'exact' },
  tenure: ['rent'],
  status: 'available',
  evidence: { source: 'src-002', locator: '解读苏州工业园区2023年科创成绩单' },
};

t.test('GET /v1/parks lists the parks from the articles, and filters', async (t) => {
  const all = (await app.inject({ url: '/v1/parks?limit=500', headers: crm })).json();
  t.ok(all.items.length >= 30, `${all.items.length} parks`);
  t.match(all.items.find((park: { id: string }) => park.id === 'sip'), {
    name: '苏州工业园区',
    nameEn: 'Suzhou Industrial Park',
    region: { province: '江苏省', city: '苏州市' },
    industries: [{ code: 'biomed', name: '生物医药', focus: 'lead' }],
  });
  const biomed = (await app.inject({ url: '/v1/parks?industry=biomed', headers: crm })).json().items.map((p: { id: string }) => p.id);
  t.ok(biomed.includes('sip'));
  t.ok(biomed.includes('snd-jiangsu-medical-device-park'), 'a narrower code (medical devices) counts for its parent');
  t.notOk(biomed.includes('changshu-acoustics-valley'));
  const zhoushan = (await app.inject({ url: `/v1/parks?region=${encodeURIComponent('舟山市')}`, headers: crm })).json().items;
  t.same(zhoushan.map((p: { id: string }) => p.id).sort(), ['zhoushan-marine-complex', 'zhoushan-talent-park']);
  const ids = async (region: string) =>
    (await app.inject({ url: `/v1/parks?limit=200&region=${encodeURIComponent(region)}`, headers: crm })).json().items.map((p: { id: string }) => p.id);
  const suzhou = await ids('苏州市');
  t.ok(suzhou.includes('sip') && !suzhou.includes('zhoushan-talent-park'), 'a city names its parks');
  for (const spelling of ['苏州', '江苏苏州', '江苏省苏州市']) t.same(await ids(spelling), suzhou, `${spelling} names the same parks as 苏州市, as in a lead`);
  t.ok((await ids('江苏')).length > suzhou.length, 'a province names every park in it');
  const incubators = (await app.inject({ url: '/v1/parks?carrierType=incubator', headers: crm })).json().items;
  t.ok(incubators.length > 0 && incubators.every((p: { id: string }) => p.id !== 'sip'));
  const page = (await app.inject({ url: '/v1/parks?limit=5', headers: crm })).json();
  const next = (await app.inject({ url: `/v1/parks?limit=5&cursor=${page.nextCursor}`, headers: crm })).json();
  t.equal(next.items[0].id > page.items[4].id, true, 'the cursor continues after the last id');
  const bad = await app.inject({ url: '/v1/parks?industry=alchemy', headers: crm });
  t.equal(bad.statusCode, 400);
  t.match(problemOf(bad).errors, [{ pointer: '/industry', location: 'querystring' }]);
});

t.test('a park’s detail shows its facts with their sources, and says what is unknown', async (t) => {
  const detail = (await app.inject({ url: '/v1/parks/snd-jiangsu-medical-device-park', headers: crm })).json();
  t.equal(detail.park.name, '江苏医疗器械科技产业园');
  t.same(detail.parent, { id: 'snd', name: '苏州高新区' });
  t.ok(detail.platforms.length > 0 || detail.clusterFacts.length > 0);
  const cited = new Set(detail.sources.map((source: { id: string }) => source.id));
  t.ok(cited.has('src-003'), 'the article is listed with title and publisher');
  t.match(detail.sources[0], { id: String, title: String, publisher: String });
  t.ok(detail.unknown.includes('/park/thresholds/minTaxPerMuWan'), 'an unknown threshold is reported as unknown');
  const sip = (await app.inject({ url: '/v1/parks/sip', headers: crm })).json();
  t.ok(sip.clusterFacts.length >= 20);
  t.ok(sip.policies.some((policy: { parkIds: string[] }) => policy.parkIds.length === 0), 'region-wide policies reach the park');
  t.ok(sip.children.some((child: { id: string }) => child.id === 'sip-biobay'));
  t.equal((await app.inject({ url: '/v1/parks/atlantis', headers: crm })).statusCode, 404);
});

t.test('the taxonomy and the classifier', async (t) => {
  const industries = (await app.inject({ url: '/v1/industries', headers: crm })).json();
  t.ok(industries.items.some((industry: { code: string; parent: string }) => industry.code === 'ic-design' && industry.parent === 'integrated-circuits'));
  const classify = (text: string) => app.inject({ method: 'POST', url: '/v1/industries/classify', headers: crm, payload: { text } });
  const devices = (await classify('高端醫療器械研發')).json();
  t.ok(devices.matches.some((match: { code: string; name: string }) => match.code === 'medical-devices' && match.name === '医疗器械'));
  t.ok(devices.matches[0].matchedTerms.length > 0);
  const nothing = (await classify('asdf qwer')).json();
  t.match(nothing, { unmatched: true, matches: [], standard: [], level: null, registered: null });
  t.ok(nothing.message.length > 0);
  t.equal((await classify('')).statusCode, 422);
});

t.test('GB/T 4754-2017 through the industries API: the whole standard with its hierarchy', async (t) => {
  const list = async (query: string) => (await app.inject({ url: `/v1/industries?${query}`, headers: crm })).json().items as { code: string; level?: string; gbt?: string[] }[];
  t.equal((await list('level=section')).length, 20);
  t.equal((await list('level=division')).length, 97);
  t.equal((await list('level=group')).length, 473);
  t.equal((await list('level=class')).length, 1381);
  t.same((await list('parent=C344')).map((entry) => entry.code), ['C3441', 'C3442', 'C3443', 'C3444', 'C3445', 'C3446']);
  const focus = await list('scheme=focus');
  t.ok(focus.every((entry) => entry.level === undefined) && focus.length >= 40);
  t.ok(focus.find((entry) => entry.code === 'high-end-equipment')?.gbt?.includes('C34'), 'a focus code lists the GB/T codes it covers');
  const compressors = (await app.inject({ url: '/v1/industries/C3442', headers: crm })).json();
  t.match(compressors, { code: 'C3442', parent: 'C344', level: 'class', name: { zhHans: '气体压缩机械制造', zhHant: '氣體壓縮機械製造', en: String } });
  t.equal((await app.inject({ url: '/v1/industries?level=kingdom', headers: crm })).statusCode, 400);
});

t.test('POST /v1/industries/classify answers on the standard, with the hierarchy, focus, words and confidence', async (t) => {
  const classify = (payload: Record<string, string>) => app.inject({ method: 'POST', url: '/v1/industries/classify', headers: crm, payload });
  const answer = (await classify({ text: '螺杆空压机研发制造' })).json();
  t.match(answer, {
    level: 'class',
    unmatched: false,
    standard: [
      {
        code: 'C3442',
        level: 'class',
        name: '气体压缩机械制造',
        matchedTerms: ['螺杆空压机'],
        section: { code: 'C', name: '制造业' },
        division: { code: 'C34', name: '通用设备制造业' },
        group: { code: 'C344' },
        class: { code: 'C3442' },
        focus: [{ code: 'high-end-equipment', name: '高端装备制造' }],
      },
    ],
  });
  t.ok(answer.standard[0].confidence > 0 && answer.standard[0].confidence <= 1);
  const division = (await classify({ text: '纺织印染及后整理' })).json();
  t.match(division.standard[0], { code: 'C17', level: 'division', group: null, class: null });
  const registered = (await classify({ text: '螺杆空压机研发制造', industryCode: 'F5179' })).json();
  t.match(registered.registered, { code: 'F5179', agreement: 'differs', used: 'text' });
  const unknown = await classify({ text: '螺杆空压机', industryCode: 'C9999' });
  t.equal(unknown.statusCode, 422);
  t.match(unknown.json().errors, [{ pointer: '/industryCode', message: /not a GB\/T 4754-2017 class/ }]);
  const group = await classify({ text: '螺杆空压机', industryCode: 'C3440' });
  t.equal(group.statusCode, 422, 'C3440 is not a code of the standard');
});

t.test('admins change the catalog: versioned, logged, validated', async (t) => {
  const before = (await app.inject({ url: '/v1/catalog', headers: crm })).json().catalogVersion;
  const created = await app.inject({ method: 'POST', url: '/v1/carriers', headers: admin, payload: carrier });
  t.equal(created.statusCode, 201, created.body);
  t.match(created.json(), { catalogVersion: before + 1, changed: true });
  t.equal((await app.inject({ method: 'POST', url: '/v1/carriers', headers: admin, payload: carrier })).statusCode, 409);
  const same = await app.inject({ method: 'PUT', url: `/v1/carriers/${carrier.id}`, headers: admin, payload: carrier });
  t.match(same.json(), { catalogVersion: before + 1, changed: false }, 'an unchanged document keeps the version');
  const changes = (await app.inject({ url: `/v1/catalog/changes?afterVersion=${before}`, headers: crm })).json().items;
  t.match(changes, [{ version: before + 1, action: 'create', entity: 'carriers', entityId: carrier.id, parkIds: ['sip'], actor: /^key_/ }]);
  const detail = (await app.inject({ url: '/v1/parks/sip', headers: crm })).json();
  t.ok(detail.carriers.some((c: { id: string }) => c.id === carrier.id), 'the park shows the new carrier');
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/carriers/${carrier.id}`, headers: admin })).statusCode, 204);
  t.equal((await app.inject({ url: `/v1/carriers/${carrier.id}`, headers: crm })).statusCode, 404);
});

t.test('bad catalog input names every problem and writes nothing', async (t) => {
  const before = (await app.inject({ url: '/v1/catalog', headers: crm })).json();
  const bad = await app.inject({
    method: 'POST',
    url: '/v1/carriers',
    headers: admin,
    payload: { ...carrier, id: 'staff-bad', parkId: 'atlantis', type: 'castle', evidence: { source: 'src-999', locator: 'x' } },
  });
  t.equal(bad.statusCode, 422);
  t.match(problemOf(bad).errors, [{ pointer: '/type' }]);
  const orphan = await app.inject({
    method: 'POST',
    url: '/v1/carriers',
    headers: admin,
    payload: { ...carrier, id: 'staff-orphan', parkId: 'atlantis', evidence: { source: 'src-999', locator: 'x' } },
  });
  t.equal(orphan.statusCode, 422);
  const pointers = problemOf(orphan).errors!.map((e) => e.pointer).sort();
  t.same(pointers, ['/carriers/0/evidence/source', '/carriers/0/parkId']);
  const referenced = await app.inject({ method: 'DELETE', url: '/v1/parks/sip', headers: admin });
  t.equal(referenced.statusCode, 409, 'a park others refer to cannot be deleted');
  t.match(problemOf(referenced), { type: '/problems/catalog-conflict' });
  t.same((await app.inject({ url: '/v1/catalog', headers: crm })).json(), before, 'nothing changed');
});

t.test('bulk import goes in whole or not at all', async (t) => {
  const before = (await app.inject({ url: '/v1/catalog', headers: crm })).json();
  const newPark = {
    id: 'staff-test-park',
    name: '测试园区',
    nameEn: 'Test Park',
    kind: 'industrial-park',
    region: { province: '江苏省', city: '苏州市', district: null },
    parentId: 'sip',
    industries: [{ code: 'ai', focus: 'lead', evidence: { source: 'src-002', locator: '人工智能' } }],
    thresholds: { minTaxPerMuWan: null, minInvestmentPerMuWan: null, evidence: null },
    sources: [{ source: 'src-002', locator: '苏州工业园区' }],
  };
  const rejected = await app.inject({
    method: 'POST',
    url: '/v1/catalog/import',
    headers: admin,
    payload: { parks: [newPark], carriers: [{ ...carrier, id: 'staff-import-1', parkId: 'staff-test-park' }, { ...carrier, id: 'staff-import-2', parkId: 'nowhere' }] },
  });
  t.equal(rejected.statusCode, 422);
  t.match(problemOf(rejected).errors, [{ pointer: '/carriers/1/parkId' }]);
  t.same((await app.inject({ url: '/v1/catalog', headers: crm })).json(), before, 'the good part did not go in either');
  t.equal((await app.inject({ url: '/v1/parks/staff-test-park', headers: crm })).statusCode, 404);

  const accepted = await app.inject({
    method: 'POST',
    url: '/v1/catalog/import',
    headers: admin,
    payload: { parks: [newPark], carriers: [{ ...carrier, id: 'staff-import-1', parkId: 'staff-test-park' }] },
  });
  t.equal(accepted.statusCode, 200, accepted.body);
  t.same(accepted.json(), { catalogVersion: before.catalogVersion + 1, changed: 2 });
  const dup = await app.inject({ method: 'POST', url: '/v1/catalog/import', headers: admin, payload: { parks: [newPark, newPark] } });
  t.match(problemOf(dup).errors, [{ pointer: '/parks/1', message: /repeats the id/ }]);
});

t.test('only admins write the catalog', async (t) => {
  for (const key of [KEYS.crm, KEYS.staff]) {
    t.equal((await app.inject({ method: 'POST', url: '/v1/carriers', headers: auth(key), payload: carrier })).statusCode, 403);
    t.equal((await app.inject({ method: 'POST', url: '/v1/catalog/import', headers: auth(key), payload: {} })).statusCode, 403);
    t.equal((await app.inject({ url: '/v1/parks', headers: auth(key) })).statusCode, 200);
  }
  t.equal((await app.inject({ url: '/v1/parks' })).statusCode, 401);
});
