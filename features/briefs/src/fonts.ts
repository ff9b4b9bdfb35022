import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

/**
 * The brief's typeface: Noto Sans Hans (Noto Sans SC, OFL-1.1) from the npm package
 * @embedpdf/fonts-sc, so it installs with `npm ci` like any dependency. Its OpenType (CFF) files cover
 * 30,789 characters: GBK's hanzi and more, but not CJK Extension B (𠮷 …). pdfkit embeds only the glyphs
 * a brief uses.
 */
export interface BriefFonts {
  regular: Buffer;
  bold: Buffer;
  /** True when the regular face has a glyph for the code point. */
  covers(codePoint: number): boolean;
}

/** The package exports only its JavaScript entry; the fonts sit in `fonts/` beside `dist/`. */
function fontFile(name: string): string {
  return fileURLToPath(new URL(`../fonts/${name}`, import.meta.resolve('@embedpdf/fonts-sc')));
}

export const FONT_FILES = { regular: fontFile('NotoSansHans-Regular.otf'), bold: fontFile('NotoSansHans-Bold.otf') };

async function loadFonts(): Promise<BriefFonts> {
  const [regular, bold] = await Promise.all([readFile(FONT_FILES.regular), readFile(FONT_FILES.bold)]);
  const face = fontkit.create(regular);
  if (!('hasGlyphForCodePoint' in face)) throw new Error(`${FONT_FILES.regular} is a font collection, not one face`);
  return { regular, bold, covers: (codePoint) => face.hasGlyphForCodePoint(codePoint) };
}

let loaded: Promise<BriefFonts> | undefined;

/** Read once per process (about 17 MB kept in memory) and shared by every brief. */
export function briefFonts(): Promise<BriefFonts> {
  loaded ??= loadFonts().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

/** What stands for a character the typeface lacks: 〓 (geta mark), the typesetter's sign for a missing character. */
export const MISSING_CHARACTER = '〓';

/** Text the typeface can draw: characters it lacks become 〓, rather than an empty box or nothing. */
export function drawable(text: string, fonts: Pick<BriefFonts, 'covers'>): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    out += codePoint < 0x20 && char !== '\n' ? ' ' : codePoint <= 0x7e || fonts.covers(codePoint) || char === '\n' ? char : MISSING_CHARACTER;
  }
  return out;
}
