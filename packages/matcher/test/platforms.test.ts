import t from 'tap';
import { matchLead } from '../src/index.ts';
import { catalogWith, focus, NINGBO, park, platform, reasonOf, round3, snapshotWith, suggestionFor } from './support/catalog-builder.ts';
import { catalogOf, leadOf, NOW, seedTaxonomy } from './support/seed-catalog.ts';

const ALL = { now: NOW, topN: 100 };
const devicePark = (id: string, region = park(id).region) => park(id, { industries: [focus('medical-devices')], region });

t.test('platforms in the park count fully, those elsewhere in the city half; other industries not at all', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('with-lab'), devicePark('neighbour'), devicePark('far', NINGBO)],
    platforms: [
      platform('testing', { parkId: 'with-lab', type: 'testing-registration', industries: ['medical-devices'] }),
      platform('acoustics-lab', { parkId: 'with-lab', industries: ['acoustics'] }),
    ],
  });
  const result = matchLead(leadOf('医疗器械'), catalog, ALL);
  const own = suggestionFor(result, 'with-lab');
  t.equal(reasonOf(own, 'platforms').score, 0.5);
  t.same(own?.platforms, [{ id: 'testing', name: '平台testing', type: 'testing-registration', inPark: true }]);
  t.match(reasonOf(own, 'platforms').zh, /园区内有 1 个可用的服务平台：平台testing（检测注册）/);
  t.same(reasonOf(own, 'platforms').matchedTerms, ['医疗器械']);
  const neighbour = suggestionFor(result, 'neighbour');
  t.equal(reasonOf(neighbour, 'platforms').score, round3(1 - 0.5 ** 0.5));
  t.same(neighbour?.platforms, [{ id: 'testing', name: '平台testing', type: 'testing-registration', inPark: false }]);
  t.equal(reasonOf(suggestionFor(result, 'far'), 'platforms').score, null, 'nothing known in Ningbo');
  t.match(reasonOf(suggestionFor(result, 'far'), 'platforms').zh, /目录中没有该园区及其所在城市、省份的服务平台信息/);
});

t.test('platforms with no park count when the snapshot is passed (the index keeps only park platforms)', async (t) => {
  const snapshot = snapshotWith({ parks: [devicePark('md')], platforms: [platform('city-wide', { industries: ['medical-devices'] })] });
  const withSnapshot = matchLead(leadOf('医疗器械'), catalogOf(snapshot, seedTaxonomy), ALL);
  t.equal(reasonOf(suggestionFor(withSnapshot, 'md'), 'platforms').score, round3(1 - 0.5 ** 0.5));
  const indexOnly = catalogOf(snapshot, seedTaxonomy);
  const withoutSnapshot = matchLead(leadOf('医疗器械'), { index: indexOnly.index, taxonomy: indexOnly.taxonomy }, ALL);
  t.equal(reasonOf(suggestionFor(withoutSnapshot, 'md'), 'platforms').score, null);
});
