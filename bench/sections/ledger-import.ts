import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { phase } from '@leadmatch/progress';
import { writeTable, type CellValue } from '@leadmatch/spreadsheets';
import { randomCreditCode } from '@leadmatch/testing';
import { SCHEMAS } from '../lib/isolation.ts';
import { peakRssMb } from '../lib/processes.ts';
import type { Section } from '../lib/section.ts';
import { startApi } from '../lib/services.ts';
import { num } from '../lib/table.ts';

/** Rows of the generated ledger: a large desk's whole ledger (smoke: a few hundred). */
const FULL_ROWS = 10_000;
const SMOKE_ROWS = 500;

export const HEADERS = ['外部编号', '企业名称', '统一社会信用代码', '联系人', '联系电话', '行业', '行业代码', '用途', '用地面积', '建筑面积', '预计年税收', '计划投资额', '员工人数', '意向区域', '关注政策', '备注'];
const INDUSTRIES: [string, string][] = [
  ['精密零部件加工', 'C3484'],
  ['锂离子电池电芯与模组', 'C3841'],
  ['抗体药物研发', 'C2761'],
  ['工业软件与 SaaS', 'I6513'],
  ['新能源汽车零部件', 'C3670'],
  ['体外诊断设备', 'C3581'],
];
const USES = ['生产', '生产，研发', '研发、办公', '仓储', '研发，实验室，中试', '总部、办公'];
const REGIONS = ['苏州', '昆山、太仓', '无锡', '南京', '杭州', '上海浦东', '合肥'];

export function ledgerRow(run: string, index: number): Record<string, CellValue> {
  const [industry, code] = INDUSTRIES[index % INDUSTRIES.length]!;
  return {
    外部编号: `bench-${run}-${index}`,
    企业名称: `基准测试${index}号科技有限公司 ${run}`,
    统一社会信用代码: randomCreditCode(),
    联系人: '王先生',
    联系电话: `139${String(index).padStart(8, '0')}`,
    行业: industry,
    行业代码: code,
    用途: USES[index % USES.length]!,
    用地面积: index % 3 === 0 ? null : 10 + (index % 90),
    建筑面积: index % 2 === 0 ? 2000 + (index % 50) * 100 : null,
    预计年税收: 100 + (index % 40) * 50,
    计划投资额: 5000 + (index % 30) * 1000,
    员工人数: 50 + (index % 500),
    意向区域: REGIONS[index % REGIONS.length]!,
    关注政策: index % 4 === 0 ? '人才、补贴' : null,
    备注: index % 5 === 0 ? '希望年内开工' : null,
  };
}

/**
 * POST /v1/leads/imports of one generated .xlsx ledger (10,000 rows, each a new lead), then the same
 * file again (every row unchanged); the API's wall time for each, and its peak RSS, which streaming
 * the upload and saving in batches of 500 keep bounded.
 */
export const ledgerImport: Section = {
  name: 'ledger-import',
  async run(ctx, figures) {
    const rows = ctx.settings.smoke ? SMOKE_ROWS : FULL_ROWS;
    const dir = await mkdtemp(join(tmpdir(), 'leadmatch-ledger-'));
    const file = join(dir, 'ledger.xlsx');
    phase(`ledger-import: writing a ${num(rows)}-row ledger`);
    const items = Array.from({ length: rows }, (_, index) => ledgerRow(ctx.prefix, index));
    await writeTable(items, HEADERS.map((header) => ({ header, value: (row: Record<string, CellValue>) => row[header] ?? null })), 'xlsx', createWriteStream(file), {
      sheetName: '线索台账',
    });
    const bytes = (await stat(file)).size;
    phase('ledger-import: starting the API (1 process) on the seed catalog');
    const api = await startApi(ctx.target(SCHEMAS.seed, 'ledger-import'), 1);
    try {
      const rssBeforeMb = await peakRssMb(api.service.pid);
      const upload = async (label: string) => {
        const form = new FormData();
        form.append('file', await openAsBlob(file, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'ledger.xlsx');
        phase(`ledger-import: ${label}`);
        const started = performance.now();
        const response = await fetch(`${api.url}/v1/leads/imports`, { method: 'POST', headers: { authorization: `Bearer ${ctx.keys.crm}` }, body: form });
        const body = (await response.json()) as { totals?: Record<string, number> };
        const seconds = (performance.now() - started) / 1000;
        if (response.status !== 200 || !body.totals) throw new Error(`${label}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        return { seconds, totals: body.totals };
      };
      const first = await upload(`importing ${num(rows)} rows`);
      const again = await upload('importing the same file again');
      const measured = {
        rows,
        fileBytes: bytes,
        seconds: first.seconds,
        rowsPerSec: rows / first.seconds,
        againSeconds: again.seconds,
        totals: first.totals,
        againTotals: again.totals,
        rssBeforeMb,
        peakRssMb: await peakRssMb(api.service.pid),
      };
      if (first.totals.created !== rows) ctx.problem('ledger-import', `expected ${rows} created rows, got ${JSON.stringify(first.totals)}`);
      if (again.totals.unchanged !== rows) ctx.problem('ledger-import', `expected ${rows} unchanged rows again, got ${JSON.stringify(again.totals)}`);
      figures.ledgerImport = measured;
      return [
        {
          title: `Ledger import: POST /v1/leads/imports of a ${num(rows)}-row .xlsx (${num(bytes / 1024)} KiB)`,
          headers: ['upload', 'wall time', 'rows/s', 'result', 'API peak RSS'],
          rows: [
            ['first', `${num(measured.seconds, 1)} s`, num(measured.rowsPerSec), `${num(first.totals.created)} created`, `${num(measured.peakRssMb)} MB`],
            ['same file again', `${num(measured.againSeconds, 1)} s`, num(rows / measured.againSeconds), `${num(again.totals.unchanged)} unchanged`, ''],
          ],
          notes: [`API peak RSS before the uploads (started, seed catalog loaded): ${num(rssBeforeMb)} MB; no worker runs, so match requests wait in the queue`],
        },
      ];
    } finally {
      await api.service.stop();
      ctx.checkServiceLog('ledger-import', api.service);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
