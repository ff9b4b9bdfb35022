/** GB/T 2260 levels: 省级 (province, autonomous region, municipality, SAR), 地级 (city), 县级 (county). */
export type DivisionLevel = 'province' | 'city' | 'county';

/** One administrative division of GB/T 2260. */
export interface Division {
  /** The six-digit GB/T 2260 code: 320583. */
  code: string;
  /** The full name: 昆山市. */
  name: string;
  level: DivisionLevel;
  /** The codes of the divisions it lies in, outermost first: 320000, 320500 for 昆山市. */
  parents: readonly string[];
  /** A municipality (北京市, 上海市 …) is a province and a city at once. */
  municipality: boolean;
  /**
   * The prefecture-level city (or municipality) it is or lies in: 320500 for 昆山市 and for 苏州市,
   * 310000 for 浦东新区; null for a province and for a county under no city (仙桃市).
   */
  city: string | null;
}

/** Whether `inner` is `outer` or lies in it. */
export function within(inner: Division, outer: Division): boolean {
  return inner.code === outer.code || inner.parents.includes(outer.code);
}
