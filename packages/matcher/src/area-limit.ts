import { toSquareMetres, type Carrier } from '@leadmatch/domain';
import { areaVerdict } from './factors/carriers.ts';
import { ABOUT_AREA_TOLERANCE } from './weights.ts';

const bits = new Float64Array(1);
const word = new BigUint64Array(bits.buffer);

/** The neighbouring doubles of a positive finite number. */
function nextUp(x: number): number {
  bits[0] = x;
  word[0]! += 1n;
  return bits[0];
}

function nextDown(x: number): number {
  bits[0] = x;
  word[0]! -= 1n;
  return bits[0];
}

/**
 * The largest need (m²) that a carrier's area is not short of: `areaVerdict(area, need)` is 'short'
 * exactly when need > areaLimit(area), so one comparison answers for any lead. Infinity when no need
 * is ever short (area unknown, or "over X").
 *
 * For "about X" the need is multiplied by the tolerance before comparing, and rounding makes the exact
 * boundary one of the few doubles around X / tolerance: it is found by asking areaVerdict itself, so
 * the limit cannot disagree with the rule it stands for. Shortness only grows with the need, so the
 * boundary is unique.
 */
export function areaLimit(area: Carrier['area']): number {
  if (area === null || area.qualifier === 'over') return Infinity;
  const m2 = toSquareMetres(area.value, area.unit);
  let limit = area.qualifier === 'about' ? m2 / ABOUT_AREA_TOLERANCE : m2;
  while (areaVerdict(area, nextUp(limit)) !== 'short') limit = nextUp(limit);
  while (areaVerdict(area, limit) === 'short') limit = nextDown(limit);
  return limit;
}
