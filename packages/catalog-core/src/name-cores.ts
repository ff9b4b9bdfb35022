/**
 * The cores of a GB/T 4754-2017 name: its parts without the words every name has. 电线、电缆制造
 * gives 电线 and 电缆; 气体压缩机械制造 gives 气体压缩机械; Gas compressor manufacturing gives
 * gas compressor. Enterprises write the product or activity, rarely the standard's whole name.
 */

const ZH_PARTS = /[、，,和及与]/;
const ZH_PREFIXES = ['其他', '其它'];
/** Longest first, so 制品制造 leaves 塑料 rather than 塑料制品. */
const ZH_SUFFIXES = ['生产和供应', '和供应', '制造', '加工', '生产', '供应', '服务', '活动', '种植', '养殖', '开采', '采选', '冶炼', '修理', '维修', '业'];
/** Parts that say nothing about which activity it is (批发 and 零售 do, and stay). */
const ZH_EMPTY = new Set([
  '制品', '设备', '产品', '用品', '器材', '材料', '零件', '配件', '专用设备', '相关', '辅助', '未列明', '其他',
  '制造', '制造业', '服务', '服务业', '加工', '生产', '工业', '产业', '活动', '管理', '经营',
  '附件', '部件', '组件', '元件', '装置', '机具', '工具', '用具', '器具', '配套', '耗材',
]);

const EN_PARTS = /,| and | & | or /;
const EN_GENERIC = new Set([
  'manufacturing',
  'manufacture',
  'production',
  'processing',
  'services',
  'service',
  'activities',
  'activity',
  'farming',
  'growing',
  'mining',
  'repair',
  'other',
  'n.e.c.',
  'nec',
  'of',
  'the',
  'for',
  'in',
  'to',
  'with',
  'by',
  'on',
  'from',
  'related',
  'products',
  'product',
  'equipment',
  'machinery',
  'industry',
  'industries',
  'farm',
  'farms',
  'plant',
  'plants',
  'goods',
  'supplies',
  'materials',
  'parts',
  'components',
  'devices',
  'systems',
  'tools',
  'general',
  'special',
  'special-purpose',
  'general-purpose',
  'facilities',
  'trade',
  'support',
  'auxiliary',
  'professional',
  'public',
  'construction',
  'operation',
  'operations',
  'management',
  'household',
  'industrial',
  'agricultural',
  'commercial',
  'domestic',
  'new',
]);

export function zhCores(name: string): string[] {
  const cores = name.split(ZH_PARTS).map((part) => {
    let core = part.trim();
    for (const prefix of ZH_PREFIXES) if (core.startsWith(prefix)) core = core.slice(prefix.length);
    for (const suffix of ZH_SUFFIXES) {
      if (core.endsWith(suffix) && core.length > suffix.length + 1) {
        core = core.slice(0, -suffix.length);
        break;
      }
    }
    return core;
  });
  return unique(cores.filter((core) => core.length >= 2 && !ZH_EMPTY.has(core) && !core.includes('未列明') && core !== name));
}

export function enCores(name: string): string[] {
  const cores = name
    .toLowerCase()
    .split(EN_PARTS)
    .map((part) =>
      part
        .split(/\s+/)
        .filter((word) => word !== '' && !EN_GENERIC.has(word))
        .join(' '),
    );
  return unique(cores.filter((core) => core.length >= 3 && !EN_GENERIC.has(core) && core !== name.toLowerCase()));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
