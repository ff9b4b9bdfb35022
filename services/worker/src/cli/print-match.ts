import type { MatchLead, MatchResult } from '@leadmatch/matcher';

const FIT_MARK = { strong: '●', partial: '◐', weak: '○' } as const;

/** The ranked table, then each suggestion's reasons in Chinese and English. */
export function printMatch(result: MatchResult, lead: MatchLead): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`行业 industry: ${lead.industry}  →  ${result.industryCodes.map((m) => `${m.code} (${m.matchedTerms.join('、')})`).join(', ') || '未识别 not recognised'}`);
  out(`${result.summary.zh}`);
  out(`${result.summary.en}`);
  out();
  console.table(
    result.suggestions.map((s) => ({
      rank: s.rank,
      park: s.park.name,
      'park (en)': s.park.nameEn,
      score: s.score,
      fit: `${FIT_MARK[s.fit]} ${s.fit}`,
      carriers: s.carriers.length,
      policies: s.policies.length,
    })),
  );
  for (const s of result.suggestions) {
    out();
    out(`#${s.rank} ${s.park.name} · ${s.park.nameEn}${s.park.parentName ? ` (${s.park.parentName})` : ''}  score ${s.score} · ${s.fit}`);
    for (const reason of s.reasons) {
      const score = reason.score === null ? 'unknown' : reason.score.toFixed(2);
      out(`  - [${reason.factor} ${score}] ${reason.zh}`);
      out(`    ${reason.en}`);
      if (reason.evidence.length) out(`    sources: ${reason.evidence.map((e) => `${e.source} «${e.locator}»`).join('; ')}`);
    }
  }
  out();
  out(`rules ${result.rulesVersion} · catalog version ${result.catalogVersion}`);
}
