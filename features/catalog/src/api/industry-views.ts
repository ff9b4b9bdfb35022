import { Type, type Static } from 'typebox';
import type { Classification as ClassifierResult, Taxonomy } from '@leadmatch/catalog-core';
import { Closed, GBT_LEVELS, List, Nullable, StringEnum } from '@leadmatch/domain';

const MAX_TEXT = 500;
const Code = Type.String({ maxLength: 60 });
const Terms = List(Type.String({ maxLength: MAX_TEXT }), MAX_TEXT, { description: 'The words of the input that decided it' });
const Named = Closed({ code: Code, name: Type.String({ maxLength: 60 }), nameEn: Type.String({ maxLength: 120 }) });

const StandardEntry = Closed({
  code: Code,
  level: StringEnum(GBT_LEVELS, { description: 'class when the class is clear; group or division when only that is' }),
  name: Type.String({ maxLength: 60 }),
  nameEn: Type.String({ maxLength: 120 }),
  confidence: Type.Number({ minimum: 0, maximum: 1, description: 'Strength of the words (a name 1, a synonym 0.8) times their share over the best rival' }),
  matchedTerms: Terms,
  section: Named,
  division: Nullable(Named),
  group: Nullable(Named),
  class: Nullable(Named),
  focus: List(Named, 20, { description: 'The focus codes parks declare that this code falls within' }),
});

export const Classification = Closed({
  input: Type.String({ maxLength: MAX_TEXT }),
  normalized: Type.String({ maxLength: MAX_TEXT, description: 'The text as matched: Simplified Chinese, lower-case Latin' }),
  language: Type.Union([Type.Literal('zh'), Type.Literal('en'), Type.Literal('mixed'), Type.Literal('unknown')]),
  level: Nullable(StringEnum(GBT_LEVELS, { description: "The level of the answer (the first entry of standard); null when nothing was recognised" })),
  standard: List(StandardEntry, 5, { description: 'GB/T 4754-2017 codes, the answer first' }),
  matches: List(
    Closed({ code: Code, name: Type.String({ maxLength: 60 }), weight: Type.Number({ minimum: 0, maximum: 1 }), matchedTerms: Terms }),
    50,
    { description: 'What matching reads: the GB/T codes and the focus codes the words name, heaviest first' },
  ),
  registered: Nullable(
    Closed({
      code: Code,
      agreement: StringEnum(['same', 'refines', 'same-division', 'differs', 'text-unrecognised'] as const),
      used: StringEnum(['registered', 'text', 'both'] as const, { description: 'Which of the two matching leans on' }),
      zh: Type.String({ maxLength: 500 }),
      en: Type.String({ maxLength: 500 }),
    }),
  ),
  unmatched: Type.Boolean({ description: 'True only when no word names an economic activity' }),
  message: Type.String({ maxLength: 2000 }),
});

function named(taxonomy: Taxonomy, code: string): Static<typeof Named> {
  const { name } = taxonomy.get(code)!;
  return { code, name: name.zhHans, nameEn: name.en };
}

/** The code itself or the ancestor at `level`, or null when the code sits above that level. */
function atLevel(taxonomy: Taxonomy, code: string, level: (typeof GBT_LEVELS)[number]): Static<typeof Named> | null {
  const found = [code, ...taxonomy.ancestors(code)].find((line) => taxonomy.get(line)!.level === level);
  return found === undefined ? null : named(taxonomy, found);
}

export function classificationView(result: ClassifierResult, taxonomy: Taxonomy): Static<typeof Classification> {
  return {
    input: result.input,
    normalized: result.normalized,
    language: result.language,
    level: result.standard[0]?.level ?? null,
    standard: result.standard.map((match) => ({
      ...named(taxonomy, match.code),
      level: match.level,
      confidence: match.confidence,
      matchedTerms: match.matchedTerms,
      section: atLevel(taxonomy, match.code, 'section')!,
      division: atLevel(taxonomy, match.code, 'division'),
      group: atLevel(taxonomy, match.code, 'group'),
      class: atLevel(taxonomy, match.code, 'class'),
      focus: taxonomy.focusOf(match.code).map((code) => named(taxonomy, code)),
    })),
    matches: result.matches.map((match) => ({ ...match, name: taxonomy.get(match.code)?.name.zhHans ?? match.code })),
    registered: result.registered,
    unmatched: result.unmatched,
    message: result.message,
  };
}
