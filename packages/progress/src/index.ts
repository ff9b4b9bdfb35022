export { phase } from './phase.ts';
export { progressBar, timeBar, type Progress } from './progress-bar.ts';
export { formatElapsed, formatSummary, summary, type SummaryRow } from './summary.ts';
