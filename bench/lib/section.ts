import type { SectionName } from './args.ts';
import type { BenchContext } from './context.ts';
import type { Figures } from './figures.ts';
import type { Table } from './table.ts';

/** One part of the benchmark: measures, stores its figures under its key, and returns its tables. */
export interface Section {
  name: SectionName;
  run(ctx: BenchContext, figures: Figures): Promise<Table[]>;
}
