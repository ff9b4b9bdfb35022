import { extractText, getDocumentProxy } from 'unpdf';

/** A PDF's pages and the text on each, as a reader's copy-and-paste would see it (through the fonts' ToUnicode maps). */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string[] }> {
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  return { pages: totalPages, text };
}
