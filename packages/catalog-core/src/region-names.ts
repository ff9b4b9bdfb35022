import type { Region } from '@leadmatch/domain';

/** Whether a preference names a province only (江苏) or something as local as a city or district (苏州, 吴江). */
export type RegionLevel = 'province' | 'local';

/** Longest first, so 宁夏回族自治区 loses 回族自治区 rather than 区. */
const ADMINISTRATIVE_SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '地区', '新区', '省', '市', '区', '县', '盟'];

/** Provincial-level divisions by their usual English (pinyin) names; city names in English are not known. */
const PROVINCES_IN_ENGLISH: Readonly<Record<string, string>> = {
  beijing: '北京市',
  tianjin: '天津市',
  shanghai: '上海市',
  chongqing: '重庆市',
  hebei: '河北省',
  shanxi: '山西省',
  liaoning: '辽宁省',
  jilin: '吉林省',
  heilongjiang: '黑龙江省',
  jiangsu: '江苏省',
  zhejiang: '浙江省',
  anhui: '安徽省',
  fujian: '福建省',
  jiangxi: '江西省',
  shandong: '山东省',
  henan: '河南省',
  hubei: '湖北省',
  hunan: '湖南省',
  guangdong: '广东省',
  hainan: '海南省',
  sichuan: '四川省',
  guizhou: '贵州省',
  yunnan: '云南省',
  shaanxi: '陕西省',
  gansu: '甘肃省',
  qinghai: '青海省',
  innermongolia: '内蒙古自治区',
  guangxi: '广西壮族自治区',
  tibet: '西藏自治区',
  xizang: '西藏自治区',
  ningxia: '宁夏回族自治区',
  xinjiang: '新疆维吾尔自治区',
  hongkong: '香港特别行政区',
  macau: '澳门特别行政区',
  macao: '澳门特别行政区',
};

/** Whitespace removed; an English province name (Jiangsu, Jiangsu Province) in Chinese. */
export function readPreference(text: string): string {
  const compact = text.replace(/\s+/g, '');
  const english = compact.toLowerCase().replace(/(province|sheng)$/, '');
  return PROVINCES_IN_ENGLISH[english] ?? compact;
}

/** The name, and the name without its administrative suffix when at least two characters remain: 苏州市 → 苏州. */
function spellings(name: string): string[] {
  const suffix = ADMINISTRATIVE_SUFFIXES.find((end) => name.endsWith(end) && name.length - end.length >= 2);
  return suffix ? [name, name.slice(0, -suffix.length)] : [name];
}

interface Part {
  spellings: string[];
  level: RegionLevel;
}

/** Province, city, district, outermost first; a municipality (上海市 in 上海市) is one local part. */
function partsOf(region: Region): Part[] {
  const municipality = region.city === region.province;
  const parts: Part[] = [{ spellings: spellings(region.province), level: municipality ? 'local' : 'province' }];
  if (region.city !== null && !municipality) parts.push({ spellings: spellings(region.city), level: 'local' });
  if (region.district !== null) parts.push({ spellings: spellings(region.district), level: 'local' });
  return parts;
}

/** Whether `text` is one or more of the parts from `from` on, in order, each spelled either way. */
function consume(text: string, parts: readonly Part[], from: number): RegionLevel | null {
  for (let i = from; i < parts.length; i++) {
    for (const spelling of parts[i]!.spellings) {
      if (!text.startsWith(spelling)) continue;
      const rest = text.slice(spelling.length);
      const level = rest === '' ? parts[i]!.level : consume(rest, parts, i + 1);
      if (level !== null) return level;
    }
  }
  return null;
}

/**
 * Whether a preferred region (as `readPreference` gives it) names the place, and how locally: 江苏,
 * 江苏省, 苏州, 苏州市, 江苏苏州, 江苏省苏州市 and 江苏常熟 all name 常熟市 in 苏州市, 江苏省.
 */
export function namesRegion(preference: string, region: Region): RegionLevel | null {
  return consume(preference, partsOf(region), 0);
}

/**
 * Every text `namesRegion` could accept for the place: the spellings of one or more of its parts, in
 * order, run together (at most 26 for province, city and district). Lets a catalog index its places by
 * name once, so that a preference is looked up rather than tried against every place.
 */
export function namings(region: Region): string[] {
  const found: string[] = [];
  const extend = (prefix: string, parts: readonly Part[], from: number) => {
    for (let i = from; i < parts.length; i++) {
      for (const spelling of parts[i]!.spellings) {
        found.push(prefix + spelling);
        extend(prefix + spelling, parts, i + 1);
      }
    }
  };
  extend('', partsOf(region), 0);
  return found;
}
