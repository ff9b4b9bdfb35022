import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toTraditional, type GbtLevel, type Industry } from '@leadmatch/domain';

/**
 * GB/T 4754-2017 as catalog industries, built from `seeds/gbt4754/`: the standard's codes and
 * Simplified names (`gbt4754-2017.csv`), the project's English names and the words enterprises
 * write (`terms-*.json`), and which GB/T codes each focus code covers (`focus-map.json`).
 */
export const GBT_DIR = 'gbt4754';
export const STANDARD_FILE = 'gbt4754-2017.csv';
const FOCUS_MAP_FILE = 'focus-map.json';

interface TermsEntry {
  en?: string;
  zh?: string[];
  enTerms?: string[];
}

interface StandardRow {
  code: string;
  level: GbtLevel;
  name: string;
  parent: string | null;
}

const LEVELS: readonly string[] = ['section', 'division', 'group', 'class'];

export function parseStandard(csv: string): StandardRow[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  if (header !== 'code,level,name,parent') throw new Error(`${STANDARD_FILE}: unexpected header "${header}"`);
  return lines.map((line, i) => {
    const [code, level, name, parent, ...rest] = line.split(',');
    if (!code || !level || !name || parent === undefined || rest.length > 0 || !LEVELS.includes(level)) {
      throw new Error(`${STANDARD_FILE} line ${i + 2}: expected code,level,name,parent`);
    }
    return { code, level: level as GbtLevel, name, parent: parent === '' ? null : parent };
  });
}

/** Every terms file's entries by code; a code described in several files gets the words of all, its English name from the first. */
async function readTerms(dir: string): Promise<Map<string, TermsEntry>> {
  const files = (await readdir(dir)).filter((name) => /^terms-.*\.json$/.test(name)).sort();
  const terms = new Map<string, TermsEntry>();
  for (const file of files) {
    const { entries } = JSON.parse(await readFile(join(dir, file), 'utf8')) as { entries: Record<string, TermsEntry> };
    for (const [code, entry] of Object.entries(entries)) {
      const known = terms.get(code);
      terms.set(code, {
        en: known?.en ?? entry.en,
        zh: [...(known?.zh ?? []), ...(entry.zh ?? [])],
        enTerms: [...(known?.enTerms ?? []), ...(entry.enTerms ?? [])],
      });
    }
  }
  return terms;
}

const distinct = (words: readonly string[] | undefined, except: string) =>
  [...new Set((words ?? []).map((word) => word.trim()).filter((word) => word !== '' && word !== except))];

function toIndustry(row: StandardRow, entry: TermsEntry | undefined): Industry {
  return {
    code: row.code,
    parent: row.parent,
    name: { zhHans: row.name, zhHant: toTraditional(row.name), en: entry?.en ?? row.name },
    synonyms: { zh: distinct(entry?.zh, row.name), en: distinct(entry?.enTerms, entry?.en ?? '') },
    related: [],
    level: row.level,
  };
}

/** Every entry of the standard, in its order, as an industry document. */
export async function readGbtIndustries(seedsDir: string): Promise<Industry[]> {
  const dir = join(seedsDir, GBT_DIR);
  const rows = parseStandard(await readFile(join(dir, STANDARD_FILE), 'utf8'));
  const terms = await readTerms(dir);
  const known = new Set(rows.map((row) => row.code));
  const stray = [...terms.keys()].filter((code) => !known.has(code));
  if (stray.length > 0) throw new Error(`terms describe codes that are not in the standard: ${stray.join(', ')}`);
  return rows.map((row) => toIndustry(row, terms.get(row.code)));
}

/** The focus codes' coverage of the standard, to be set as their `gbt` lists. */
export async function readFocusCoverage(seedsDir: string): Promise<Map<string, string[]>> {
  const text = await readFile(join(seedsDir, GBT_DIR, FOCUS_MAP_FILE), 'utf8');
  const { focus } = JSON.parse(text) as { focus: Record<string, { gbt: string[] }> };
  return new Map(Object.entries(focus).map(([code, { gbt }]) => [code, gbt]));
}
