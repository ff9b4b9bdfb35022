import { divisionByCode, englishNames, parentsOf, type Division } from '@leadmatch/regions';

function divisionOf(code: string): Division {
  const division = divisionByCode(code);
  if (division === undefined) throw new Error(`renderMatch: GB/T 2260 has no division ${code}`);
  return division;
}

const englishName = (division: Division) => englishNames(division)[0]!;

/** 昆山市（320583）, or 昆山市 in a brief sentence. */
export function divisionZh(code: string, brief: boolean): string {
  const { name } = divisionOf(code);
  return brief ? name : `${name}（${code}）`;
}

/** Kunshan (320583), or Kunshan in a brief sentence. */
export function divisionEn(code: string, brief: boolean): string {
  const name = englishName(divisionOf(code));
  return brief ? name : `${name} (${code})`;
}

/** The division with the ones it lies in: 江苏省苏州市昆山市（320583）. */
export function placeZh(code: string, brief: boolean): string {
  const division = divisionOf(code);
  const names = [...parentsOf(division), division].map((each) => each.name).join('');
  return brief ? names : `${names}（${code}）`;
}

/** The division with the ones it lies in: Kunshan, Suzhou, Jiangsu (320583). */
export function placeEn(code: string, brief: boolean): string {
  const division = divisionOf(code);
  const names = [division, ...parentsOf(division).reverse()].map(englishName).join(', ');
  return brief ? names : `${names} (${code})`;
}

/** The prefecture-level city (or municipality) of a division that has one. */
export function cityCodeOf(code: string): string {
  return divisionOf(code).city!;
}
