import type { Division } from './division.ts';
import { englishKey } from './english.ts';
import { divisionIndexes, englishIndex } from './name-index.ts';
import { placesNamed, readings } from './readings.ts';

const HAN = /\p{Script=Han}/u;

/** Separators between the parts of a Chinese place text: 江苏 苏州, 江苏·苏州, 江苏、苏州. */
const CHINESE_SEPARATORS = /[\s,，、·.\-/]+/g;

/** English words that say what kind of division follows or precedes a name, not which. */
const KIND_WORDS = new Set([
  'province', 'city', 'district', 'county', 'new', 'area', 'prefecture', 'autonomous', 'region', 'municipality', 'sar',
  'special', 'administrative', 'of', 'the', 'china', 'prc', 'shi', 'sheng', 'qu', 'xinqu',
]);

/** Longest English name in words (Inner Mongolia, Zhang Jia Gang), to bound the readings tried. */
const LONGEST_ENGLISH_NAME = 4;

/** Texts already resolved: leads name the same few places over and over. */
const resolved = new Map<string, readonly Division[]>();
const REMEMBERED = 10_000;

function unique(divisions: readonly Division[]): Division[] {
  return [...new Set(divisions)].sort((a, b) => (a.code < b.code ? -1 : 1));
}

function resolveChinese(text: string): Division[] {
  const { byName, longestName } = divisionIndexes();
  const characters = [...text.replace(CHINESE_SEPARATORS, '')];
  return readings(characters, byName, longestName).flatMap((parts) => placesNamed(parts, true));
}

function resolveEnglish(text: string): Division[] {
  const words = text
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z]+/)
    .filter((word) => word !== '' && !KIND_WORDS.has(word));
  return readings(words.map(englishKey), englishIndex(), LONGEST_ENGLISH_NAME).flatMap((parts) => placesNamed(parts, false));
}

/**
 * The GB/T 2260 divisions a place text may name, in code order; empty when it names none. Full or
 * short Chinese names (昆山市, 昆山, 浦东新区, 浦东), outer ones first (江苏苏州, 江苏省苏州市昆山市), or
 * English and pinyin names in any case and order (Kunshan, Pudong New Area, "Suzhou, Jiangsu"). An
 * ambiguous text keeps every candidate: Suzhou is 苏州市 and 宿州市.
 */
export function resolvePlace(text: string): readonly Division[] {
  let found = resolved.get(text);
  if (found === undefined) {
    if (resolved.size === REMEMBERED) resolved.clear();
    resolved.set(text, (found = Object.freeze(unique(HAN.test(text) ? resolveChinese(text) : resolveEnglish(text)))));
  }
  return found;
}
