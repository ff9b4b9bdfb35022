export type Language = 'zh' | 'en' | 'mixed' | 'unknown';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

export function detectLanguage(text: string): Language {
  const zh = HAN.test(text);
  const en = LATIN.test(text);
  if (zh && en) return 'mixed';
  if (zh) return 'zh';
  if (en) return 'en';
  return 'unknown';
}
