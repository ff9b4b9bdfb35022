import type { LoadResult } from './load.ts';
import type { RawBullmqFigures } from './raw-bullmq.ts';
import type { RawInsertFigures } from './raw-insert.ts';
import type { NationalCatalogInfo } from './setup.ts';

/** An HTTP load's figures as results.json keeps them. */
export type HttpFigures = LoadResult & { connections: number };

export interface BaselineFigures {
  helloWorld: HttpFigures;
  rawInsert: RawInsertFigures;
  rawBullmq: RawBullmqFigures;
}

export interface IntakeFigures extends HttpFigures {
  /** API processes (API_PROCESSES) serving the port. */
  apiProcesses: number;
  /** Intake's 2xx per second ÷ raw single-row inserts per second; null without the baseline. */
  ratioToRawInsert: number | null;
}

export interface PreviewFigures {
  /** At the stated offered rate (matchPreview.statedRatePerSec), over 50 connections. */
  p50Ms: number;
  p99Ms: number;
  achievedPerSec: number;
  stated: HttpFigures;
  /** Closed loop at 50 connections: the most the API serves, and latency when saturated. */
  saturated: HttpFigures;
}

export interface MatchPreviewFigures {
  statedRatePerSec: number;
  /** API processes (API_PROCESSES) serving the port. */
  apiProcesses: number;
  seed?: PreviewFigures;
  national?: PreviewFigures;
}

export interface PipelineFigures {
  /** Leads accepted (201) and then matched by the worker. */
  leads: number;
  workerConcurrency: number;
  posting: HttpFigures;
  /** Seconds from the first accepted lead's request to the last stored suggestions. */
  spanSeconds: number;
  leadsPerSec: number;
  ratioToRawBullmq: number | null;
  /** Per lead: suggestions stored (completed_at) − lead accepted (requested_at). */
  lagP50Ms: number;
  lagP99Ms: number;
  /** Requests whose outcome is not 'matched'. */
  notMatched: number;
  workerPeakRssMb: number;
  /** True when the worker had not matched every lead by the time limit: the figures cover those it had. */
  timedOut: boolean;
}

/** One scheduled re-match of every open lead on the national catalog, by one worker. */
export interface ScheduledRematchFigures {
  leads: number;
  workerConcurrency: number;
  /** From enqueueing the scheduled re-match job to the last completed match request (to the time limit, when it timed out). */
  wallSeconds: number;
  /** Leads re-matched: all of them unless it timed out. */
  completed: number;
  leadsPerSec: number;
  peakRssMb: number;
  notMatched: number;
  timedOut: boolean;
}

/** The first re-match: every lead's first match. */
export interface RematchFigures extends ScheduledRematchFigures {
  /** Seconds to bulk-insert the open leads (setup, not measured). */
  insertSeconds: number;
  /** The stored facts of the latest runs: bytes of JSON, and bytes on disk (pg_column_size, after compression). */
  storedRun: { jsonMedianBytes: number; diskMedianBytes: number; diskP90Bytes: number; diskMaxBytes: number };
}

export interface MicroStats {
  meanMs: number;
  p99Ms: number;
  opsPerSec: number;
}

/** One download of GET /v1/leads/export. */
export interface ExportRun {
  rows: number;
  /** Request to last byte. */
  seconds: number;
  bytes: number;
  /** The API process's resident set just before the download, at its peak during it, and the difference. */
  rssBeforeMb: number;
  rssPeakMb: number;
  rssGrowthMb: number;
  /** The peak in the first and in the second half of the download's time. */
  rssPeakFirstHalfMb: number;
  rssPeakSecondHalfMb: number;
}

export interface ExportFigures {
  leads: number;
  matchedLeads: number;
  openTasks: number;
  /** Seconds to bulk-insert the leads, runs and tasks (setup, not measured). */
  seedSeconds: number;
  xlsx: ExportRun;
  csv: ExportRun;
}

export interface MicroFigures {
  seed: MicroStats;
  national: MicroStats;
  /** One industry description classified against the whole of GB/T 4754-2017 and the focus codes. */
  classify: MicroStats & { descriptions: number };
}

/** Everything a run measured, keyed as in results.json (`intake.p99Ms` is a real path). */
export interface Figures {
  baselines?: BaselineFigures;
  intake?: IntakeFigures;
  matchPreview?: MatchPreviewFigures;
  pipeline?: PipelineFigures;
  rematch?: RematchFigures;
  /** The same re-match again with the catalog unchanged: every lead already matched on it. */
  rematchUnchanged?: ScheduledRematchFigures;
  micro?: MicroFigures;
  exports?: ExportFigures;
  ledgerImport?: LedgerImportFigures;
  nationalCatalog?: NationalCatalogInfo;
}

/** POST /v1/leads/imports of a generated .xlsx ledger, then of the same file again. */
export interface LedgerImportFigures {
  rows: number;
  fileBytes: number;
  /** Wall time of the first upload (every row a new lead), request to answer. */
  seconds: number;
  rowsPerSec: number;
  /** Wall time of the same file again (every row unchanged). */
  againSeconds: number;
  totals: Record<string, number>;
  againTotals: Record<string, number>;
  /** The API process's peak RSS (VmHWM) before the uploads and after both. */
  rssBeforeMb: number;
  peakRssMb: number;
}
