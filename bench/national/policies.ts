import type { Park, Policy, PolicyKind, Region } from '@leadmatch/domain';
import type { IndustryMix } from './industry-mix.ts';
import { POLICY_KIND_LABELS } from './labels.ts';
import { cityKey, type GeneratedParks } from './parks.ts';
import { numbered, SYNTHETIC_EVIDENCE, SYNTHETIC_NOTE } from './provenance.ts';
import { type Random, Weighted } from './random.ts';

const KIND = new Weighted<PolicyKind>([
  ['subsidy', 30],
  ['financing', 15],
  ['talent', 15],
  ['tax', 10],
  ['land', 8],
  ['ip', 8],
  ['scenario', 7],
  ['listing', 7],
]);

/** Province- or city-wide policies that name no park; the rest name the parks they apply to. */
const REGION_WIDE_SHARE = 0.08;

type Amount = Policy['amounts'][number];

/** The figures a policy of each kind states: thresholds on tax and investment, caps, rates. */
const AMOUNTS: Readonly<Record<PolicyKind, readonly ((random: Random) => Amount)[]>> = {
  tax: [
    (r) => ({ value: 100 * r.int(2, 20), unit: '万元', qualifier: 'over', label: '年纳税额门槛' }),
    (r) => ({ value: 10 * r.int(3, 8), unit: '%', qualifier: 'exact', label: '地方留成部分奖励比例' }),
  ],
  land: [
    (r) => ({ value: 50 * r.int(4, 16), unit: '万元/亩', qualifier: 'over', label: '亩均投资门槛' }),
    (r) => ({ value: 5 * r.int(4, 16), unit: '万元/亩', qualifier: 'over', label: '亩均税收门槛' }),
  ],
  subsidy: [
    (r) => ({ value: 50 * r.int(1, 40), unit: '万元', qualifier: 'under', label: '单个项目最高补贴' }),
    (r) => ({ value: r.int(1, 10), unit: '亿元', qualifier: 'over', label: '固定资产投资门槛' }),
  ],
  financing: [(r) => ({ value: 500 * r.int(2, 100), unit: '万元', qualifier: 'under', label: '单户最高授信额度' })],
  talent: [(r) => ({ value: 10 * r.int(5, 50), unit: '万元', qualifier: 'under', label: '人才安家补贴上限' })],
  ip: [(r) => ({ value: r.int(1, 50), unit: '万元', qualifier: 'exact', label: '每件发明专利资助' })],
  listing: [(r) => ({ value: 100 * r.int(1, 10), unit: '万元', qualifier: 'exact', label: '上市奖励' })],
  scenario: [(r) => ({ value: r.int(5, 50), unit: '个', qualifier: 'about', label: '开放应用场景' })],
};

const date = (random: Random, from: number, to: number) => `${random.int(from, to)}-${String(random.int(1, 12)).padStart(2, '0')}-01`;

/** Most policies are open-ended; some started recently, some have expired, a few are not yet in force. */
function validity(random: Random): Pick<Policy, 'validFrom' | 'validTo'> {
  const draw = random.next();
  if (draw < 0.7) return { validFrom: null, validTo: null };
  if (draw < 0.85) return { validFrom: date(random, 2021, 2024), validTo: random.chance(0.5) ? null : date(random, 2026, 2029) };
  if (draw < 0.95) return { validFrom: random.chance(0.5) ? null : date(random, 2017, 2019), validTo: date(random, 2020, 2024) };
  return { validFrom: date(random, 2027, 2028), validTo: null };
}

function amountsOf(random: Random, kind: PolicyKind): Amount[] {
  return AMOUNTS[kind].filter((_, i) => random.chance(i === 0 ? 0.7 : 0.4)).map((draw) => draw(random));
}

function industriesOf(random: Random, mix: IndustryMix, park: Park | null): string[] {
  if (random.chance(park ? 0.5 : 0.55)) return [];
  const own = park?.industries.map((focus) => focus.code) ?? [];
  const codes = new Set<string>();
  for (let n = random.int(1, park ? 2 : 4); n > 0; n--) codes.add(own.length > 0 && random.chance(0.7) ? random.pick(own) : mix.codes.draw(random));
  return [...codes];
}

/** The parks it names: one, or a few of one city; now and then with that park's region too, as a seed policy does. */
function namedParks(random: Random, parks: GeneratedParks): { parkIds: string[]; region: Region | null; park: Park } {
  const park = parks.bySize.draw(random);
  const named = new Set([park.id]);
  if (random.chance(0.06)) for (let n = random.int(1, 3); n > 0; n--) named.add(random.pick(parks.byCity.get(cityKey(park.region))!).id);
  return { parkIds: [...named], region: random.chance(0.03) ? park.region : null, park };
}

/** A province, or one city of it, where parks are. */
function regionWide(random: Random, parks: GeneratedParks): { parkIds: string[]; region: Region; park: null } {
  const { province, city } = parks.bySize.draw(random).region;
  return { parkIds: [], region: { province, city: random.chance(0.6) ? city : null, district: null }, park: null };
}

export function generatePolicies(random: Random, count: number, parks: GeneratedParks, mix: IndustryMix): Policy[] {
  const width = Math.max(5, String(count).length);
  const policies: Policy[] = [];
  for (let n = 1; n <= count; n++) {
    const kind = KIND.draw(random);
    const reach = random.chance(REGION_WIDE_SHARE) ? regionWide(random, parks) : namedParks(random, parks);
    const label = POLICY_KIND_LABELS[kind];
    const issuer = reach.park ? `${reach.park.name}管委会` : `${reach.region!.city ?? reach.region!.province}（合成）`;
    policies.push({
      id: `syn-policy-${numbered(n, width)}`,
      name: `合成政策-${numbered(n, width)}（${label.name}）`,
      kind,
      issuer: random.chance(0.8) ? issuer : null,
      parkIds: reach.parkIds,
      region: reach.region,
      industries: industriesOf(random, mix, reach.park),
      benefit: `${label.benefit}${SYNTHETIC_NOTE}。`,
      amounts: amountsOf(random, kind),
      ...validity(random),
      evidence: SYNTHETIC_EVIDENCE,
    });
  }
  return policies;
}
