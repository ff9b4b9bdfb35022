import { pinyin } from 'pinyin-pro';
import type { Division } from './division.ts';
import { shortName } from './short-names.ts';

/** Divisions whose usual English name is not the pinyin of their short name, by code. */
const CONVENTIONAL: Readonly<Record<string, readonly string[]>> = {
  '150000': ['Inner Mongolia', 'Nei Mongol'],
  '540000': ['Tibet', 'Xizang'],
  '610000': ['Shaanxi'],
  '810000': ['Hong Kong'],
  '820000': ['Macao', 'Macau'],
};

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** 昆山市 → Kunshan: the pinyin of the short name, without tones, as one word. */
function romanised(division: Division): string {
  const syllables = pinyin(shortName(division.name) ?? division.name, { toneType: 'none', type: 'array', v: true });
  return capitalised(syllables.join(''));
}

/** By code: romanising is slow next to matching, and answers name the same few divisions again and again. */
const romanisedNames = new Map<string, readonly string[]>();

/** The English names of a division, the usual one first. */
export function englishNames(division: Division): readonly string[] {
  let names = CONVENTIONAL[division.code] ?? romanisedNames.get(division.code);
  if (names === undefined) romanisedNames.set(division.code, (names = [romanised(division)]));
  return names;
}

/** How English text is compared: lower case, letters only (Xi'an and xian, Hong Kong and hongkong). */
export function englishKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}
