/**
 * Activities that decide the division whatever the product: 变压器维修 is repair (C43), not
 * transformer manufacturing; 西药批发 is wholesale (F51). Where the standard files the activity by
 * product family, the product's own code says where: repair of general machinery (C34) is C4320,
 * wholesale of medicines (C27) is F515.
 */
export interface Activity {
  /** Lower-case, Simplified. Chinese words match anywhere, English words as whole words. */
  words: readonly string[];
  /** Where the activity is filed when the product says nothing more. */
  division: string;
  /** Every part of the standard that files this activity (repair is C43 for machinery, O81 for vehicles and household goods). */
  within: readonly string[];
  /** The product's GB/T code prefix (longest first wins) → where this activity files it. */
  byProduct: Readonly<Record<string, string>>;
}

export const ACTIVITIES: readonly Activity[] = [
  {
    words: ['维修', '修理', '检修', '大修', '翻新', 'repair', 'overhaul', 'refurbishment'],
    division: 'C43',
    within: ['C43', 'O81', 'G5333'],
    byProduct: {
      C33: 'C4310',
      C34: 'C4320',
      C35: 'C4330',
      C36: 'O8111',
      C371: 'C4341',
      C373: 'C4342',
      C374: 'C4343',
      C375: 'O8113',
      C376: 'O8191',
      C385: 'O813',
      C38: 'C4350',
      C391: 'O8121',
      C392: 'O8122',
      C395: 'O8131',
      C40: 'C4360',
      C21: 'O8193',
      C19: 'O8192',
    },
  },
  {
    words: ['批发', '分销', '经销', '贸易', '外贸', '进出口', '大宗商品', 'wholesale', 'wholesaler', 'distribution', 'distributor', 'trading'],
    division: 'F51',
    within: ['F51'],
    byProduct: {
      A: 'F511',
      C13: 'F512',
      C14: 'F512',
      C15: 'F512',
      C16: 'F512',
      C17: 'F513',
      C18: 'F513',
      C19: 'F513',
      C23: 'F514',
      C24: 'F514',
      C27: 'F515',
      C358: 'F515',
      B: 'F516',
      C25: 'F516',
      C26: 'F516',
      C28: 'F516',
      C29: 'F516',
      C30: 'F516',
      C31: 'F516',
      C32: 'F516',
      C33: 'F517',
      C34: 'F517',
      C35: 'F517',
      C36: 'F517',
      C37: 'F517',
      C38: 'F517',
      C39: 'F517',
      C40: 'F517',
    },
  },
  {
    words: ['零售', '专卖店', '4s店', '便利店', '超市', 'retail', 'retailer', 'dealership', 'showroom'],
    division: 'F52',
    within: ['F52'],
    byProduct: {
      C13: 'F522',
      C14: 'F522',
      C15: 'F522',
      C16: 'F522',
      C17: 'F523',
      C18: 'F523',
      C19: 'F523',
      C23: 'F524',
      C24: 'F524',
      C27: 'F525',
      C358: 'F525',
      C36: 'F526',
      C375: 'F526',
      C385: 'F527',
      C39: 'F527',
      C21: 'F528',
      C33: 'F528',
    },
  },
  {
    words: ['租赁', '出租', '分时租赁', 'rental', 'leasing', 'hire'],
    division: 'L71',
    within: ['L71', 'K704', 'Q8522'],
    byProduct: {
      C36: 'L7111',
      C357: 'L7112',
      C351: 'L7113',
      C391: 'L7114',
      C392: 'L7114',
      C358: 'L7115',
      C34: 'L7119',
      C35: 'L7119',
      C24: 'L7122',
    },
  },
];

/** The activities `normalized` names, each with the word that named it. */
export function activitiesIn(normalized: string): { activity: Activity; word: string }[] {
  return ACTIVITIES.flatMap((activity) => {
    const word = activity.words.find((candidate) => named(normalized, candidate));
    return word === undefined ? [] : [{ activity, word }];
  });
}

const matchers = new Map<string, (text: string) => boolean>();

/** Chinese words anywhere, English ones as whole words (plural allowed); each matcher built once. */
function named(text: string, word: string): boolean {
  let matcher = matchers.get(word);
  if (!matcher) {
    const pattern = new RegExp(`(^|[^a-z0-9])${word}(s|es)?($|[^a-z0-9])`);
    matcher = /\p{Script=Han}/u.test(word) ? (candidate) => candidate.includes(word) : (candidate) => pattern.test(candidate);
    matchers.set(word, matcher);
  }
  return matcher(text);
}

/** Where `activity` files a product of GB/T code `product`: by the longest prefix listed, else the activity's division. */
export function fileUnder(activity: Activity, product: string): string {
  const prefix = Object.keys(activity.byProduct)
    .filter((key) => product.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? activity.division : activity.byProduct[prefix]!;
}

/**
 * Words that say which section of the economy the text is about: 荞麦 is a crop (A) beside 种植 and a
 * milled grain (C) beside 加工. They decide between codes of different sections sharing one word.
 */
const SECTION_CUES: Readonly<Record<string, readonly string[]>> = {
  A: ['种植', '养殖', '栽培', '饲养', '育苗', '基地种植', 'farming', 'growing', 'cultivation', 'plantation', 'livestock'],
  B: ['开采', '采选', '选矿', '矿山', 'mining', 'quarry', 'quarrying'],
  C: ['生产', '制造', '加工', '工厂', '产线', '年产', '研发制造', 'manufacturing', 'manufacturer', 'factory', 'production', 'processing', 'oem'],
  E: ['施工', '总承包', '营造', '工程总包', 'contractor', 'construction'],
  F: ['批发', '零售', '贸易', '门店', '专卖', '经销', 'wholesale', 'retail', 'store', 'trading'],
  G: ['运输', '物流', '仓储', '配送', '快递', 'transport', 'logistics', 'delivery', 'warehousing'],
};

/** The sections whose cue words `normalized` contains. */
export function sectionsCued(normalized: string): ReadonlySet<string> {
  return new Set(Object.entries(SECTION_CUES).flatMap(([section, words]) => (words.some((word) => named(normalized, word)) ? [section] : [])));
}
