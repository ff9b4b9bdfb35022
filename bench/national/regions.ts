/**
 * Real mainland place names, spelled as `seeds/parks.json` spells a park's region (full names with
 * 省/市/自治区/区 …; a municipality is its own city), so that the matcher's region reading applies
 * to generated parks as to the seeds. Weights are rough shares of the country's development zones;
 * within a province, cities are drawn Zipf-like in the order listed (the best-known first).
 */
export interface Province {
  name: string;
  weight: number;
  /** For a municipality, its districts are listed under one city of the same name. */
  cities: readonly City[];
}

export interface City {
  name: string;
  districts: readonly string[];
}

const city = (name: string, ...districts: string[]): City => ({ name, districts });
const municipality = (name: string, weight: number, districts: string[]): Province => ({ name, weight, cities: [city(name, ...districts)] });
const province = (name: string, weight: number, cities: City[]): Province => ({ name, weight, cities });

export const PROVINCES: readonly Province[] = [
  province('江苏省', 12, [
    city('苏州市', '吴江区', '常熟市', '昆山市', '张家港市', '吴中区', '相城区'),
    city('南京市', '江宁区', '浦口区', '栖霞区', '六合区'),
    city('无锡市', '新吴区', '江阴市', '宜兴市'),
    city('常州市', '武进区', '新北区'),
    city('南通市', '海门区', '如皋市'),
    city('徐州市'),
    city('扬州市'),
    city('镇江市'),
    city('泰州市'),
    city('盐城市'),
    city('宿迁市'),
    city('淮安市'),
    city('连云港市'),
  ]),
  province('广东省', 10, [
    city('深圳市', '南山区', '龙岗区', '宝安区', '坪山区'),
    city('广州市', '黄埔区', '南沙区', '番禺区'),
    city('东莞市'),
    city('佛山市', '顺德区', '南海区'),
    city('珠海市', '香洲区', '金湾区'),
    city('惠州市'),
    city('中山市'),
    city('江门市'),
  ]),
  province('浙江省', 9, [
    city('杭州市', '余杭区', '萧山区', '滨江区'),
    city('宁波市', '北仑区', '鄞州区', '奉化区'),
    city('嘉兴市'),
    city('绍兴市'),
    city('温州市'),
    city('湖州市'),
    city('金华市'),
    city('台州市'),
    city('舟山市', '普陀区', '定海区'),
  ]),
  province('山东省', 8, [
    city('青岛市', '黄岛区', '城阳区', '市北区'),
    city('济南市', '历城区', '章丘区'),
    city('烟台市'),
    city('潍坊市'),
    city('淄博市'),
    city('威海市'),
    city('临沂市'),
  ]),
  municipality('上海市', 5, ['浦东新区', '闵行区', '嘉定区', '松江区', '青浦区']),
  municipality('北京市', 5, ['海淀区', '朝阳区', '大兴区', '昌平区', '顺义区']),
  province('河南省', 5, [city('郑州市', '金水区', '中牟县'), city('洛阳市'), city('新乡市'), city('许昌市')]),
  province('四川省', 5, [city('成都市', '双流区', '郫都区', '新都区'), city('绵阳市'), city('德阳市'), city('宜宾市')]),
  province('湖北省', 5, [city('武汉市', '江夏区', '蔡甸区', '东西湖区'), city('襄阳市'), city('宜昌市'), city('荆州市')]),
  province('安徽省', 5, [city('合肥市', '蜀山区', '包河区'), city('芜湖市'), city('马鞍山市'), city('蚌埠市'), city('滁州市')]),
  province('福建省', 5, [city('厦门市', '海沧区', '集美区'), city('福州市'), city('泉州市'), city('漳州市')]),
  province('湖南省', 4, [city('长沙市', '岳麓区', '浏阳市'), city('株洲市'), city('湘潭市'), city('岳阳市')]),
  province('河北省', 4, [city('石家庄市'), city('保定市'), city('廊坊市'), city('唐山市'), city('沧州市'), city('邯郸市')]),
  municipality('天津市', 3, ['滨海新区', '西青区', '武清区']),
  municipality('重庆市', 3, ['渝北区', '九龙坡区', '江津区', '璧山区']),
  province('江西省', 3, [city('南昌市'), city('赣州市'), city('九江市'), city('上饶市')]),
  province('陕西省', 3, [city('西安市', '长安区', '高陵区'), city('宝鸡市'), city('咸阳市'), city('榆林市')]),
  province('辽宁省', 3, [city('沈阳市'), city('大连市'), city('鞍山市'), city('营口市')]),
  province('广西壮族自治区', 2, [city('南宁市'), city('柳州市'), city('桂林市'), city('北海市')]),
  province('云南省', 2, [city('昆明市'), city('曲靖市'), city('玉溪市'), city('红河哈尼族彝族自治州')]),
  province('贵州省', 2, [city('贵阳市'), city('遵义市'), city('六盘水市')]),
  province('山西省', 2, [city('太原市'), city('大同市'), city('长治市'), city('晋中市')]),
  province('吉林省', 2, [city('长春市'), city('吉林市'), city('延边朝鲜族自治州')]),
  province('黑龙江省', 2, [city('哈尔滨市'), city('大庆市'), city('齐齐哈尔市')]),
  province('内蒙古自治区', 2, [city('呼和浩特市'), city('包头市'), city('鄂尔多斯市'), city('赤峰市')]),
  province('新疆维吾尔自治区', 2, [city('乌鲁木齐市'), city('克拉玛依市'), city('昌吉回族自治州')]),
  province('甘肃省', 1, [city('兰州市'), city('天水市'), city('酒泉市')]),
  province('海南省', 1, [city('海口市'), city('三亚市'), city('儋州市')]),
  province('宁夏回族自治区', 1, [city('银川市', '金凤区', '西夏区'), city('石嘴山市'), city('吴忠市')]),
  province('青海省', 1, [city('西宁市'), city('海西蒙古族藏族自治州')]),
  province('西藏自治区', 1, [city('拉萨市')]),
];
