import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { HanSegmenter } from './tokens.ts';

/** High enough that jieba keeps a taxonomy term whole (第三代半导体 rather than 第三代 | 半导体). */
const TERM_FREQUENCY = 100_000;

/** jieba with its standard dictionary plus `terms`. HMM is off: it only guesses unknown words, and every term is known. */
export function createHanSegmenter(terms: Iterable<string>): HanSegmenter {
  const jieba = Jieba.withDict(dict);
  const userDictionary = [...new Set(terms)].map((term) => `${term} ${TERM_FREQUENCY}`).join('\n');
  jieba.loadDict(Buffer.from(userDictionary));
  return (run) => jieba.cut(run, false);
}
