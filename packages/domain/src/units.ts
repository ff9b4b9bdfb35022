export const AREA_UNITS = ['mu', 'm2', 'ha'] as const;
export type AreaUnit = (typeof AREA_UNITS)[number];

export const MONEY_UNITS = ['wan_cny', 'cny'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

/** 1 亩 = 10000/15 m² (市制), 1 ha = 15 亩 = 10 000 m². */
const SQUARE_METRES_PER: Record<AreaUnit, number> = { m2: 1, mu: 10_000 / 15, ha: 10_000 };
const WAN_CNY_PER: Record<MoneyUnit, number> = { wan_cny: 1, cny: 1 / 10_000 };

export function toSquareMetres(area: number, unit: AreaUnit): number {
  return area * SQUARE_METRES_PER[unit];
}

export function squareMetresToMu(m2: number): number {
  return m2 / SQUARE_METRES_PER.mu;
}

export function toWanCny(amount: number, unit: MoneyUnit): number {
  return amount * WAN_CNY_PER[unit];
}

/** Upper bounds that no real enterprise need reaches; used to reject absurd input per unit. */
export const MAX_LAND_M2 = toSquareMetres(100_000, 'mu');
export const MAX_BUILDING_M2 = 5_000_000;
export const MAX_ANNUAL_TAX_WAN = 10_000_000;
export const MAX_INVESTMENT_WAN = 100_000_000;

export function maxInUnit(maxM2: number, unit: AreaUnit): number {
  return Math.floor(maxM2 / SQUARE_METRES_PER[unit]);
}

export function maxMoneyInUnit(maxWan: number, unit: MoneyUnit): number {
  return Math.floor(maxWan / WAN_CNY_PER[unit]);
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
