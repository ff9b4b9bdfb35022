import * as OpenCC from 'opencc-js';

/** Character by character only: leaves Simplified text exactly as it is. */
const traditionalCharacters = OpenCC.Converter({ from: 't', to: 'cn' });
/** Taiwan phrasing to mainland phrasing: 軟體 → 软件, 積體電路 → 集成电路, 人工智慧 → 人工智能. */
const taiwanPhrases = OpenCC.Converter({ from: 'twp', to: 'cn' });

/**
 * Converts Traditional Chinese to mainland Simplified. The phrase table would also rewrite some
 * Simplified words (核心 → 内核), so it runs only on text that has Traditional characters.
 */
export function toSimplified(text: string): string {
  return traditionalCharacters(text) === text ? text : taiwanPhrases(text);
}

const simplifiedToTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Mainland Simplified to Taiwan Traditional characters, character by character (names, not phrasing). */
export function toTraditional(text: string): string {
  return simplifiedToTraditional(text);
}
