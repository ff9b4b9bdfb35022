import t from 'tap';
import { createClassifier, isGbtCode, type Classification } from '@leadmatch/catalog-core';
import { loadSeedCatalog } from '../src/index.ts';

const { taxonomy, classifier } = await loadSeedCatalog();

const focusMatches = (text: string) => classifier.classify(text).matches.filter((match) => !isGbtCode(match.code));

/** Each focus code found as [code, matchedTerms], in the classifier's order. */
function found(text: string): [string, string[]][] {
  return focusMatches(text).map((match) => [match.code, match.matchedTerms]);
}

function weights(text: string): Record<string, number> {
  return Object.fromEntries(focusMatches(text).map((match) => [match.code, match.weight]));
}

t.test('Simplified Chinese phrasings from the source articles', async (t) => {
  t.same(found('生物医药'), [['biomed', ['生物医药']]]);
  t.same(found('纳米技术应用'), [['nanotech', ['纳米技术应用']]]);
  t.same(found('集成电路设计'), [['ic-design', ['集成电路设计']]]);
  t.same(found('高端医疗器械'), [['medical-devices', ['高端医疗器械']]], 'not also 医疗器械 or 器械');
  t.same(found('海洋生物产业'), [['marine-biology', ['海洋生物产业']]], 'not also 海洋');
  t.same(found('声学'), [['acoustics', ['声学']]]);
  t.same(found('天猫电商'), [['e-commerce', ['电商']]]);
  t.same(found('第三代半导体材料'), [['third-gen-semiconductors', ['第三代半导体']]], 'bare 材料 is too broad to count');
  t.same(found('智能制造装备(机器人和工业互联网)'), [
    ['robotics', ['机器人']],
    ['industrial-internet', ['工业互联网']],
    ['smart-manufacturing-equipment', ['智能制造装备']],
  ]);
  t.same(found('园区围绕生物医药、纳米技术应用、人工智能三大产业创新集群'), [
    ['ai', ['人工智能']],
    ['biomed', ['生物医药']],
    ['nanotech', ['纳米技术应用']],
  ]);
});

t.test('Traditional Chinese is read as its mainland equivalent', async (t) => {
  t.same(found('醫療器械'), [['medical-devices', ['医疗器械']]]);
  t.same(found('積體電路'), [['integrated-circuits', ['集成电路']]]);
  t.same(found('人工智慧'), [['ai', ['人工智慧']]], 'a Taiwan term written with common characters is a synonym');
  t.same(found('圍繞生物醫藥、人工智能、納米技術應用三大產業創新集群'), [
    ['ai', ['人工智能']],
    ['biomed', ['生物医药']],
    ['nanotech', ['纳米技术应用']],
  ]);
  t.same(found('推動製造業企業智能化改造和數字化轉型'), [['industrial-internet', ['智能化改造', '数字化转型']]]);
  t.same(found('ＩＣ設計'), [['ic-design', ['ic设计']]], 'full-width letters fold too');
});

t.test('English: whole words and phrases, any case, plurals folded', async (t) => {
  t.same(found('Medical devices and IVD reagents'), [
    ['diagnostics', ['ivd']],
    ['medical-devices', ['medical devices']],
  ], 'IVD is the narrower code (a kind of medical device)');
  t.same(found('gene therapy'), [['gene-cell-therapy', ['gene therapy']]]);
  t.same(found('silicon carbide power chips'), [
    ['third-gen-semiconductors', ['silicon carbide']],
    ['semiconductors', ['chips']],
  ]);
  t.same(found('a Medical Device maker'), [['medical-devices', ['medical device']]]);
  t.same(found('lithium batteries'), [['energy-storage', ['lithium', 'batteries']]]);
  t.same(found('Cross-border E-commerce'), [['e-commerce', ['cross-border e-commerce']]]);
  t.same(found('biologic drugs'), [
    ['biologics', ['biologic']],
    ['biomed', ['drugs']],
  ]);
  t.same(found('biological'), [], '"biologic" is not a word of "biological"');
  t.notOk(found('biologic').some(([code]) => code === 'integrated-circuits'), '"ic" is not matched inside "biologic"');
  t.same(found('IC design'), [['ic-design', ['ic design']]]);
});

t.test('weights: names over synonyms, a child over its matched parent, the best is 1', async (t) => {
  t.same(weights('医疗器械与诊断试剂'), { diagnostics: 1, 'medical-devices': 0.625 });
  t.same(weights('半导体和集成电路'), { 'integrated-circuits': 1, semiconductors: 0.5 });
  t.same(weights('芯片和碳化硅'), { 'third-gen-semiconductors': 1, semiconductors: 0.5 }, 'synonyms both');
  t.same(weights('Nanotechnology applications and IC design'), { 'ic-design': 1, nanotech: 1 }, 'two names');
  t.same(weights('nanotech and IC design'), { 'ic-design': 1, nanotech: 0.6 }, 'a name and a synonym');
});

t.test('nothing recognised is said plainly, never guessed', async (t) => {
  for (const text of ['asdf qwer', '今天天气很好', '', '   ']) {
    const result = classifier.classify(text);
    t.same(result.matches, [], JSON.stringify(text));
    t.equal(result.unmatched, true);
    t.match(result.message, /未识别出任何行业.*No industry was recognised/);
  }
  t.match(classifier.classify('  ').message, /输入为空.*the input is empty/);
});

t.test('the message lists what matched on GB/T 4754 and among the focus codes, and from which words', async (t) => {
  // 视觉检测 names a testing class after the first clause: a rival that halves the answer's confidence.
  const result = classifier.classify('螺杆空压机研发制造，人工智能视觉检测');
  t.equal(result.unmatched, false);
  t.equal(
    result.message,
    '识别结果——国民经济行业分类：C3442 气体压缩机械制造（小类，依据“螺杆空压机”，置信度 0.5，属于“高端装备制造”）。产业方向：人工智能（ai，依据“人工智能”）。' +
      'Recognised — GB/T 4754-2017: C3442 Gas compressor manufacturing (class, from "螺杆空压机", confidence 0.5, within "High-end equipment manufacturing"). ' +
      'focus industries: Artificial intelligence (ai, from "人工智能").',
  );
});

t.test('GB/T 4754-2017: descriptions from across the economy, in three scripts, answered at the level that is clear', async (t) => {
  const answer = (text: string) => {
    const [first] = classifier.classify(text).standard;
    return first ? [first.code, first.level] : null;
  };
  t.same(answer('螺杆空压机研发制造'), ['C3442', 'class'], 'the issue’s air-compressor maker');
  t.same(answer('SMT贴片加工'), ['C3982', 'class']);
  t.same(answer('CNC machining of aluminium housings'), ['C3484', 'class']);
  t.same(answer('年产5万吨预制菜生产基地'), ['C1432', 'class']);
  t.same(answer('注塑件加工，家电塑料结构件'), ['C2929', 'class'], 'the head of the text decides, not what follows the first clause');
  t.same(answer('纺织印染及后整理'), ['C17', 'division'], 'words of several textile classes: only the division is clear');
  t.same(answer('醫療器材批發'), ['F515', 'group'], 'Traditional, and wholesale is filed by product family');
  t.same(answer('变压器、电机维修'), ['C4350', 'class'], 'repair decides the division; the product says which repair class');
  t.same(answer('新能源汽车分时租赁'), ['L7111', 'class'], 'rental of the product, not its manufacture');
  t.same(answer('冷链物流及冷库仓储'), ['G5930', 'class']);
  t.same(answer('手游研发发行'), ['I6422', 'class']);
  t.same(answer('今天天气很好'), null);
});

t.test('the head of a phrase decides between even rivals of different sections', async (t) => {
  const answer = (text: string) => classifier.classify(text).standard[0]?.code;
  t.equal(answer('酒店、写字楼精装修工程'), 'E5011', 'fitting-out work for hotels, not a hotel: the class ending the phrase');
  t.equal(answer('Hazardous chemicals bonded warehouse'), 'G5920', 'English compounds end in their head too');
  t.equal(answer('新能源汽车充电站运营'), 'F5267');
  t.equal(answer('二手房中介连锁门店'), 'K7030', 'a head naming only a division (门店) says how, not what');
  t.equal(answer('Steel smelting and rolling mill equipment'), 'C31', 'a class not ending the phrase leaves the one named first');
  t.equal(answer('Municipal facilities operation: street lighting, bridges'), 'N7810', 'a colon ends the head like a comma');
  t.equal(answer('家具卖场，拟租赁5000平米'), 'F5283', 'an activity after the head (renting the space) is the need, not the business');
  t.equal(answer('装配式建筑PC构件厂'), 'C3022', 'a mixed-script term inside a word the segmenter keeps whole');
});

t.test('GB/T answers carry their words, a confidence, and runners-up only as side codes', async (t) => {
  const result = classifier.classify('Steel smelting and rolling mill equipment');
  const [answer, runnerUp] = result.standard;
  t.equal(answer?.code, 'C31');
  t.ok(answer!.confidence > 0 && answer!.confidence < 1, 'an even rival halves the confidence');
  t.equal(runnerUp?.code, 'C3516');
  t.same(result.matches.find((match) => match.code === 'C31'), { code: 'C31', weight: 1, matchedTerms: ['steel'] });
  t.ok(result.matches.find((match) => match.code === 'C3516')!.weight < 0.5, 'a runner-up never weighs enough to make a match strong');
});

t.test('the registered class and the text: which one is used, and why', async (t) => {
  const same = classifier.classify('螺杆空压机研发制造', 'C3442');
  t.match(same.registered, { code: 'C3442', agreement: 'same', used: 'both' });
  t.same(same.matches.filter((match) => isGbtCode(match.code)).map((match) => match.code), ['C3442'], 'not repeated');

  const unrecognised = classifier.classify('某某科技', 'C3442');
  t.match(unrecognised.registered, { agreement: 'text-unrecognised', used: 'registered' });
  t.same(unrecognised.matches[0], { code: 'C3442', weight: 1, matchedTerms: ['C3442'] });
  t.equal(unrecognised.unmatched, false, 'the registered class is something to match on');

  const refines = classifier.classify('纺织印染及后整理', 'C1713');
  t.match(refines.registered, { agreement: 'refines', used: 'registered' });
  t.equal(refines.matches[0]?.code, 'C1713');

  const differs = classifier.classify('螺杆空压机研发制造', 'F5179');
  t.match(differs.registered, { agreement: 'differs', used: 'text' });
  t.match(differs.registered?.zh, /按描述匹配/);
  t.same(
    differs.matches.filter((match) => isGbtCode(match.code)).map((match) => [match.code, match.weight]),
    [['C3442', 1], ['F5179', 0.4]],
  );
});

t.test('normalised input and language', async (t) => {
  const result: Classification = classifier.classify('  醫療器械 IVD ');
  t.equal(result.input, '  醫療器械 IVD ');
  t.equal(result.normalized, '医疗器械 ivd');
  t.equal(result.language, 'mixed');
  t.equal(classifier.classify('声学').language, 'zh');
  t.equal(classifier.classify('acoustics').language, 'en');
  t.equal(classifier.classify('123 !!').language, 'unknown');
});

t.test('deterministic', async (t) => {
  const text = '半导体和集成电路、高端医疗器械、软件和信息服务、智能制造装备(机器人和工业互联网)、新能源、数字经济';
  t.same(classifier.classify(text), classifier.classify(text));
  t.same(createClassifier(taxonomy).classify(text), classifier.classify(text), 'a second classifier agrees');
});
