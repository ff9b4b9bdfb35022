import PDFDocument from 'pdfkit';
import type { BriefData, BriefPark } from './brief-data.ts';
import { drawable, type BriefFonts } from './fonts.ts';

/** Words for what is not known: of the enterprise (未知), of the catalog (未记载). */
export const UNKNOWN = '未知';
export const NOT_RECORDED = '未记载';

/** How much a layout fits on a page; a brief is laid out densest-last until it fits on two pages. */
interface Density {
  body: number;
  /** Judged reasons listed per park (the ones that weighed most). */
  reasons: number;
  sources: number;
}

const DENSITIES: readonly Density[] = [
  { body: 9, reasons: 6, sources: 10 },
  { body: 8.5, reasons: 4, sources: 6 },
  { body: 8, reasons: 3, sources: 4 },
];

export const MAX_PAGES = 2;

const MARGIN = { top: 48, bottom: 56, left: 50, right: 50 };
const INK = '#1a1a1a';
const MUTED = '#666666';
const ACCENT = '#1f4e79';
const RULE = '#c8c8c8';
/** The ideographic space between items on one line. */
const GAP = '\u3000';

/** Asia/Shanghai, the desks' time zone, whatever the server's. */
function shanghaiDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function shanghaiTime(date: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  return `${shanghaiDate(date)} ${time}`;
}

interface Laid {
  pdf: Buffer;
  pages: number;
}

function layOut(data: BriefData, fonts: BriefFonts, density: Density): Promise<Laid> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `选址建议书${data.companyName ? ` · ${data.companyName}` : ''}`,
      Subject: 'Site-selection brief',
      Creator: 'leadmatch',
      Producer: 'leadmatch (pdfkit)',
      CreationDate: data.generatedAt,
      ModDate: data.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const say = (text: string) => drawable(text, fonts);
  const body = density.body;

  const heading = (text: string) => {
    doc.moveDown(0.6);
    doc.font('bold').fontSize(body + 3).fillColor(ACCENT).text(say(text), MARGIN.left, doc.y, { width });
    const y = doc.y + 1;
    doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + width, y).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.y = y + 4;
    doc.font('regular').fontSize(body).fillColor(INK);
  };

  /** A label, then its value; a null value is printed as unknown, in grey. */
  const row = (label: string, value: string | null, labelWidth = 62, unknown = UNKNOWN) => {
    const y = doc.y;
    doc.font('bold').fontSize(body).fillColor(MUTED).text(say(label), MARGIN.left, y, { width: labelWidth });
    doc.font('regular').fillColor(value === null ? MUTED : INK).text(say(value ?? unknown), MARGIN.left + labelWidth, y, { width: width - labelWidth, lineGap: 1 });
    doc.fillColor(INK);
    doc.moveDown(0.15);
  };

  const list = (label: string, items: { text: string }[], total: number, none: string) => {
    const shown = items.length ? items.map((item, i) => `${i + 1}. ${item.text}`).join('\n') : null;
    const more = total > items.length ? `\n（共 ${total} 项，列出前 ${items.length} 项）` : '';
    row(label, shown === null ? null : shown + more, 62, none);
  };

  const park = (suggestion: BriefPark) => {
    doc.moveDown(0.4);
    const y = doc.y;
    doc.font('bold').fontSize(body + 1.5).fillColor(INK);
    doc.text(say(`${suggestion.rank}. ${suggestion.name}`), MARGIN.left, y, { width, continued: true });
    doc.font('regular').fontSize(body).fillColor(MUTED).text(say(suggestion.nameEn ? `  ${suggestion.nameEn}` : ''), { continued: false });
    const parent = suggestion.parentName ? `所属：${suggestion.parentName}${GAP}` : '';
    doc.fillColor(ACCENT).text(say(`${parent}匹配程度：${suggestion.fit}${GAP}综合得分：${suggestion.score.toFixed(2)}`), MARGIN.left, doc.y, { width });
    doc.fillColor(INK).moveDown(0.2);
    const reasons = suggestion.reasons.slice(0, density.reasons);
    row('决定因素', reasons.length ? reasons.map((reason) => `【${reason.factor}】${reason.text}`).join('\n') : null, 62, '无可判断的因素');
    if (suggestion.unjudged.length) row('无法判断', `${suggestion.unjudged.join('、')}（目录信息不足，按中性计）`);
    list('适合载体', suggestion.carriers, suggestion.carriersTotal, '目录未记载适合的载体');
    list('相关政策', suggestion.policies, suggestion.policiesTotal, '目录未记载相关政策');
    list('服务平台', suggestion.platforms, suggestion.platformsTotal, '目录未记载服务平台');
  };

  // Title block
  doc.font('bold').fontSize(20).fillColor(INK).text(say('选址建议书'), MARGIN.left, MARGIN.top, { width, continued: true });
  doc.font('regular').fontSize(10).fillColor(MUTED).text('  Site-selection brief');
  doc.moveDown(0.3);
  doc.fontSize(body).fillColor(MUTED);
  const subject = data.leadId ? `线索编号：${data.leadId}` : '即时试算（未保存的线索）';
  doc.text(say(`${subject}${GAP}匹配时间：${shanghaiTime(data.matchedAt)}${GAP}生成日期：${shanghaiDate(data.generatedAt)}`), { width });
  doc.text(say(`园区目录版本：${data.catalogVersion}${GAP}匹配规则版本：${data.rulesVersion}`), { width });
  doc.fillColor(INK);

  heading('一、企业需求');
  row('企业名称', data.companyName, 62, NOT_RECORDED);
  for (const need of data.needs) row(need.label, need.value);

  heading('二、推荐园区');
  doc.font('regular').fontSize(body).fillColor(INK).text(say(data.summary), MARGIN.left, doc.y, { width, lineGap: 1 });
  if (data.note) doc.fillColor('#a04000').text(say(data.note), { width }).fillColor(INK);
  if (data.parksTotal > data.parks.length) {
    doc.fillColor(MUTED).text(say(`共推荐 ${data.parksTotal} 个园区，以下为排名前 ${data.parks.length} 位。`), { width }).fillColor(INK);
  }
  if (!data.parks.length) row('推荐', null, 62, '没有符合硬性条件（区域、用地）的园区');
  for (const suggestion of data.parks) park(suggestion);

  heading('三、资料来源');
  const sources = data.sources.slice(0, density.sources);
  if (!sources.length) doc.fillColor(MUTED).text(say('以上理由未引用目录资料。'), { width }).fillColor(INK);
  sources.forEach((source, i) => {
    const parts = [
      source.title ?? `${source.id}（标题${NOT_RECORDED}）`,
      source.publisher ?? `发布单位${NOT_RECORDED}`,
      source.publishedOn ?? `发布日期${NOT_RECORDED}`,
    ];
    doc.font('regular').fontSize(body - 0.5).fillColor(INK).text(say(`[${i + 1}] ${parts.join('，')}`), MARGIN.left, doc.y, { width, continued: Boolean(source.url) });
    if (source.url) doc.fillColor(MUTED).text(`  ${source.url}`, { link: source.url, continued: false });
    doc.fillColor(INK);
  });
  const unlisted = data.sourcesTotal - sources.length;
  if (unlisted > 0) doc.fillColor(MUTED).text(say(`另有 ${unlisted} 项来源未列出，完整出处见 detail=full 的匹配结果。`), { width }).fillColor(INK);

  // Footer on every page, written once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 14;
    doc.moveTo(MARGIN.left, y - 4).lineTo(MARGIN.left + width, y - 4).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font('regular').fontSize(7).fillColor(MUTED);
    doc.text(
      say(`园区目录版本 ${data.catalogVersion} · 规则版本 ${data.rulesVersion} · 生成于 ${shanghaiDate(data.generatedAt)} · 第 ${i + 1 - range.start}/${range.count} 页`),
      MARGIN.left,
      y,
      { width, lineBreak: false },
    );
    doc.text(say('由 leadmatch 按园区目录自动生成；目录与线索未提供的信息标为“未知”或“未记载”，不作推断。'), MARGIN.left, y + 10, { width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  const pages = range.count;
  doc.end();
  return ended.then(() => ({ pdf: Buffer.concat(chunks), pages }));
}

/**
 * The brief as a PDF: A4, in Chinese, on one or two pages. When the full layout runs past two pages
 * it is laid out again with fewer reasons and sources listed and a smaller type, until it fits; the
 * densest layout is returned even if it still does not.
 */
export async function renderBrief(data: BriefData, fonts: BriefFonts): Promise<{ pdf: Buffer; pages: number }> {
  let laid: Laid | undefined;
  for (const density of DENSITIES) {
    laid = await layOut(data, fonts, density);
    if (laid.pages <= MAX_PAGES) break;
  }
  return laid!;
}
