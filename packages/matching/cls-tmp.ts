import { createClassifier, loadTaxonomy } from '@leadmatch/catalog';
const c = createClassifier(loadTaxonomy());
for (const t of ['医疗器械研发生产','声学器件','海洋生物中试','电子商务运营','电商','随便什么东西','xyzzy','抗體藥物','智能声学芯片','机器人','medical devices'])
  console.log(t, JSON.stringify(c.classify(t).matches));
