import type { Column } from '@leadmatch/spreadsheets';
import { TOP_PARKS, type LeadExportRow, type TaskExportRow } from './pages.ts';

/** What a park id is called: its name in the current catalog, else (a park since removed) its id. */
export type ParkNames = (parkId: string) => string;

/** China has one time zone and no daylight saving: UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `2026-12-06 14:03:00`, Beijing time: as desks read it, and text so that no program shifts it to its own zone. */
export function beijingTime(at: Date | null): string | null {
  return at === null ? null : new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-12-06`, the day in Beijing. */
export function beijingDate(at: Date): string {
  return beijingTime(at)!.slice(0, 10);
}

const UNASSIGNED = '未分配 unassigned';

/** Whether the lead was matched: the cells say so rather than staying blank without a reason. */
function matchState(row: LeadExportRow): string {
  if (row.topParks === undefined) return '未匹配 not matched';
  return row.topParks.length === 0 ? '无推荐园区 no park suggested' : '已匹配 matched';
}

function parkColumns(parkNames: ParkNames): Column<LeadExportRow>[] {
  return Array.from({ length: TOP_PARKS }, (_, index) => {
    const park = (row: LeadExportRow) => row.topParks?.[index];
    const n = index + 1;
    return [
      { header: `推荐园区${n} Park ${n}`, width: 30, value: (row) => { const top = park(row); return top ? parkNames(top.parkId) : null; } },
      { header: `匹配度${n} Fit ${n}`, width: 12, value: (row) => park(row)?.fit ?? null },
      { header: `得分${n} Score ${n}`, width: 12, value: (row) => park(row)?.score ?? null },
    ] satisfies Column<LeadExportRow>[];
  }).flat();
}

/** The columns of a lead export, headers in Chinese and English. */
export function leadColumns(parkNames: ParkNames): Column<LeadExportRow>[] {
  return [
    { header: '线索ID Lead ID', width: 38, value: (row) => row.lead.id },
    { header: '外部编号 External ID', width: 20, value: (row) => row.lead.externalId },
    { header: '企业名称 Company', width: 36, value: (row) => row.lead.companyName },
    { header: '统一社会信用代码 Credit code', width: 22, value: (row) => row.lead.creditCode },
    { header: '联系人 Contact', width: 14, value: (row) => row.lead.contactName },
    { header: '联系电话 Phone', width: 18, value: (row) => row.lead.contactPhone },
    { header: '状态 Status', width: 12, value: (row) => row.lead.status },
    { header: '结果 Outcome', width: 12, value: (row) => row.lead.outcome ?? null },
    { header: '行业 Industry', width: 30, value: (row) => row.lead.industry },
    { header: '行业代码 Industry code', width: 14, value: (row) => row.lead.industryCode },
    { header: '用途 Uses', width: 20, value: (row) => row.lead.uses.join(', ') || null },
    { header: '用地需求（平方米） Land (m²)', width: 16, value: (row) => row.lead.landM2 },
    { header: '建筑面积（平方米） Building (m²)', width: 16, value: (row) => row.lead.buildingM2 },
    { header: '租或购 Building tenure', width: 12, value: (row) => row.lead.buildingTenure },
    { header: '创建时间（北京时间） Created (UTC+8)', width: 20, value: (row) => beijingTime(row.lead.createdAt) },
    { header: '更新时间（北京时间） Updated (UTC+8)', width: 20, value: (row) => beijingTime(row.lead.updatedAt) },
    { header: '匹配 Match', width: 16, value: matchState },
    ...parkColumns(parkNames),
    { header: '未完成跟进 Open follow-ups', width: 12, value: (row) => row.openTasks?.count ?? 0 },
    { header: '跟进负责人 Follow-up owners', width: 24, value: (row) => row.owners.map((owner) => owner ?? UNASSIGNED).join('、') || null },
  ];
}

/** The columns of a follow-up export, headers in Chinese and English. */
export function taskColumns(parkNames: ParkNames): Column<TaskExportRow>[] {
  return [
    { header: '任务ID Task ID', width: 38, value: (row) => row.task.id },
    { header: '线索ID Lead ID', width: 38, value: (row) => row.task.leadId },
    { header: '企业名称 Company', width: 36, value: (row) => row.companyName },
    { header: '类型 Kind', width: 14, value: (row) => row.task.kind },
    { header: '状态 Status', width: 10, value: (row) => row.task.status },
    { header: '优先级 Priority', width: 10, value: (row) => row.task.priority },
    { header: '到期时间（北京时间） Due (UTC+8)', width: 20, value: (row) => beijingTime(row.task.dueAt) },
    { header: '负责人 Owner', width: 14, value: (row) => row.owner ?? UNASSIGNED },
    { header: '园区 Park', width: 30, value: (row) => (row.task.parkId === null ? null : parkNames(row.task.parkId)) },
  ];
}
