import { parentPort } from 'node:worker_threads';
import type { BriefData } from './brief-data.ts';
import { briefFonts } from './fonts.ts';
import { renderBrief } from './layout.ts';

/** The thread that lays out briefs (see renderer.ts): a request is `{ id, data }`, the answer `{ id, pdf, pages }` or `{ id, error }`. */
parentPort!.on('message', async ({ id, data }: { id: number; data: BriefData }) => {
  try {
    const { pdf, pages } = await renderBrief(data, await briefFonts());
    parentPort!.postMessage({ id, pdf, pages });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
