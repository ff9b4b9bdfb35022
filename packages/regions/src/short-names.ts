/** Longest first, so that 浦东新区 loses 新区 rather than 区. */
const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '新区', '地区', '林区', '矿区', '特区', '省', '市', '区', '县', '旗', '盟'];

const AUTONOMOUS = new Set(['自治区', '自治州', '自治县', '自治旗']);

/**
 * The peoples autonomous divisions are named for, as their names spell them (蒙古 and 哈萨克 are
 * sometimes written without 族): 恩施土家族苗族自治州 is called 恩施.
 */
const PEOPLES = [
  '朝鲜', '土家', '苗', '藏', '羌', '彝', '布依', '侗', '哈尼', '壮', '傣', '白', '景颇', '傈僳', '回', '蒙古', '柯尔克孜',
  '哈萨克', '满', '达斡尔', '鄂温克', '畲', '瑶', '仫佬', '毛南', '黎', '仡佬', '水', '纳西', '拉祜', '佤', '布朗', '独龙',
  '怒', '普米', '裕固', '保安', '东乡', '撒拉', '土', '塔吉克', '锡伯', '维吾尔', '各',
];

/** Longest first, so that 土家族 is not read as 土 followed by 家族. */
const PEOPLE_ENDINGS = PEOPLES.flatMap((people) => [`${people}族`, people]).sort((a, b) => b.length - a.length);

const MIN_LENGTH = 2;

/** 红河哈尼族彝族 → 红河: the peoples dropped from the end while at least two characters remain. */
function withoutPeoples(name: string): string {
  const ending = PEOPLE_ENDINGS.find((end) => name.endsWith(end) && name.length - end.length >= MIN_LENGTH);
  return ending ? withoutPeoples(name.slice(0, -ending.length)) : name;
}

/**
 * What a division is called without its administrative suffix, when at least two characters remain:
 * 昆山市 → 昆山, 浦东新区 → 浦东, 宁夏回族自治区 → 宁夏, 东乡族自治县 → 东乡. Null when nothing shorter
 * is left (城区, 和县).
 */
export function shortName(name: string): string | null {
  const suffix = SUFFIXES.find((end) => name.endsWith(end) && name.length - end.length >= MIN_LENGTH);
  if (!suffix) return null;
  const stem = name.slice(0, -suffix.length);
  if (!AUTONOMOUS.has(suffix)) return stem;
  const short = withoutPeoples(stem);
  return short === stem && stem.endsWith('族') ? stem.slice(0, -1) : short;
}
