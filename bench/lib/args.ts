export const SECTION_NAMES = ['baselines', 'intake', 'match-preview', 'pipeline', 'rematch', 'rematch-unchanged', 'ledger-import', 'micro', 'exports'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface BenchArgs {
  smoke: boolean;
  /** The sections to run, in the benchmark's own order. */
  sections: SectionName[];
  /** True when every section runs (no --only). */
  complete: boolean;
  /** Append this run to the history in BENCHMARKS.md. */
  record: boolean;
}

export const USAGE = `usage: npm run bench -- [--smoke] [--only=${SECTION_NAMES.join(',')}] [--record]
  --smoke    a few seconds of each load (what CI runs); writes bench/results/smoke.json
  --only     run only these sections, comma-separated; writes bench/results/partial.json
  --record   append this run to the history in BENCHMARKS.md (a full run of every section only)`;

/** Parses the command line; returns a message instead when it is wrong. */
export function parseArgs(argv: string[]): BenchArgs | { problem: string } {
  let smoke = false;
  let record = false;
  let only: SectionName[] | undefined;
  for (const arg of argv) {
    if (arg === '--smoke') smoke = true;
    else if (arg === '--record') record = true;
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',').map((name) => name.trim()).filter(Boolean);
      const unknown = names.filter((name) => !(SECTION_NAMES as readonly string[]).includes(name));
      if (unknown.length > 0 || names.length === 0) return { problem: `--only names unknown sections: ${unknown.join(', ') || '(none given)'}` };
      only = names as SectionName[];
    } else return { problem: `unknown argument ${arg}` };
  }
  const sections = only ? SECTION_NAMES.filter((name) => only.includes(name)) : [...SECTION_NAMES];
  if (sections.includes('rematch-unchanged') && !sections.includes('rematch')) {
    return { problem: 'rematch-unchanged re-matches the leads the rematch section matched: name both' };
  }
  const complete = sections.length === SECTION_NAMES.length;
  if (record && (smoke || !complete)) return { problem: '--record keeps full runs of every section only (no --smoke, no --only)' };
  return { smoke, sections, complete, record };
}
