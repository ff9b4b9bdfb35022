/** A word of the normalised input, where it stands in it, and the form it is matched by. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly han: boolean;
}

/** Splits a run of Han characters into words. */
export type HanSegmenter = (run: string) => string[];

const WORD_RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN_RUN = /^\p{Script=Han}/u;

/** Han runs are segmented into words; other runs of letters and digits are words, split at anything else. */
export function tokenize(text: string, segmentHan: HanSegmenter): Token[] {
  const tokens: Token[] = [];
  for (const { 0: run, index } of text.matchAll(WORD_RUNS)) {
    if (!HAN_RUN.test(run)) {
      tokens.push({ text: run, start: index, end: index + run.length, key: singular(run), han: false });
      continue;
    }
    let start = index;
    for (const word of segmentHan(run)) {
      tokens.push({ text: word, start, end: start + word.length, key: word, han: true });
      start += word.length;
    }
  }
  return tokens;
}

/** Han words join directly (集成电路 + 设计, ic + 设计); two alphabetic words join with a space. */
export function joinKeys(key: string, last: Token, next: Token): string {
  return key + (last.han || next.han ? '' : ' ') + next.key;
}

/** The key of a whole term, so that terms and input are folded the same way. */
export function termKey(term: string): string {
  const tokens = tokenize(term, (run) => [run]);
  return tokens.slice(1).reduce((key, token, i) => joinKeys(key, tokens[i]!, token), tokens[0]?.key ?? '');
}

/**
 * Plural folding just good enough for English industry terms (devices → device, batteries → battery).
 * Terms and input are folded alike, so it has to be consistent rather than correct English.
 */
function singular(word: string): string {
  if (/^[a-z]{2,}ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/^[a-z]{3,}[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}
