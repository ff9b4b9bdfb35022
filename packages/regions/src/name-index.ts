import { type Division } from './division.ts';
import { loadDivisions } from './dataset.ts';
import { englishKey, englishNames } from './english.ts';
import { shortName } from './short-names.ts';

type Names = ReadonlyMap<string, readonly Division[]>;

interface Indexes {
  divisions: readonly Division[];
  byCode: ReadonlyMap<string, Division>;
  /** Full and short Chinese names. */
  byName: Names;
  /** The longest Chinese name, to bound how far a text is searched for names. */
  longestName: number;
}

function addName(names: Map<string, Division[]>, name: string, division: Division): void {
  const found = names.get(name);
  if (!found) names.set(name, [division]);
  else if (!found.includes(division)) found.push(division);
}

function build(): Indexes {
  const divisions = loadDivisions();
  const byName = new Map<string, Division[]>();
  for (const division of divisions) {
    addName(byName, division.name, division);
    const short = shortName(division.name);
    if (short !== null) addName(byName, short, division);
  }
  const longestName = Math.max(...[...byName.keys()].map((name) => name.length));
  return { divisions, byCode: new Map(divisions.map((division) => [division.code, division])), byName, longestName };
}

function buildEnglish(divisions: readonly Division[]): Names {
  const byEnglish = new Map<string, Division[]>();
  for (const division of divisions) {
    for (const name of englishNames(division)) addName(byEnglish, englishKey(name), division);
  }
  return byEnglish;
}

let indexes: Indexes | undefined;
let byEnglish: Names | undefined;

/** Built on first use, once per process. */
export function divisionIndexes(): Indexes {
  return (indexes ??= build());
}

/** English (pinyin) names, lower case and letters only; built on the first English lookup (romanising takes a while). */
export function englishIndex(): Names {
  return (byEnglish ??= buildEnglish(divisionIndexes().divisions));
}
