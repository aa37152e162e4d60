"""Slot vocabularies and the template filler shared by every generator.

All personal data here is invented: names are drawn from common surnames and given-name
characters, ID-like numbers are random digits, places mix common real county/town name
patterns with invented ones. Nothing comes from /work/shared/corpus/dev.jsonl.
"""
from __future__ import annotations

import random
import re

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
SURNAMES2 = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容"]
GIVEN = list(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌海波鹏宇浩俊帅凯晨欣怡婷雪琳丹萍颖佳慧晓东亮飞鑫博宏林成福荣德贵春秋冬兵金龙凤鸣振兴家庆永长胜利新辉光耀喜乐安康宁远红卫跃进学忠诚德彬倩雯璐晶莹嘉琪子涵梓轩一诺思远雨泽天佑若曦诗琪晗昊然铭阳子墨浩宇嘉怡芸蕊薇悦彤欣然"
)

PROVINCES = ["河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "广西", "内蒙古", "宁夏", "新疆"]
CITY_STEMS = ["临川", "安平", "青阳", "东昌", "南屏", "西陵", "北辰", "长宁", "永丰", "丰城", "宜阳", "嘉禾", "清河", "兴隆", "平江", "云梦", "安澜", "凤台", "石门", "泰和", "昌乐", "通海", "新野", "武宁", "汉川", "宁远", "华容", "金沙", "龙泉", "桃源", "湘阴", "靖安", "德兴", "会昌", "寿光", "柳城", "沂南", "商水", "汝南", "博爱", "淇滨", "梁山", "滨海", "盐亭", "江口", "罗平", "定边", "天柱", "崇义", "南漳", "枣阳", "望江", "太和", "庐江", "湖口", "瑞昌", "乐平", "河口", "新化", "石泉"]
TOWN_STEMS = ["柳林", "石桥", "河西", "东关", "马坊", "白沙", "青山", "杨庄", "李集", "黄岗", "三合", "新桥", "太平", "双河", "龙王庙", "大营", "高庙", "孙家", "张湾", "刘店", "沙河", "土桥", "梅岭", "竹林", "桥头", "湖滨", "城关", "北关", "南湖", "古城", "永安", "长乐", "中和", "凤凰", "草坪", "官庄", "前进", "红星", "枫林", "麻塘"]
VILLAGE_STEMS = ["李家庄", "王家湾", "张家坪", "后沟", "前营", "东岗", "西坡", "上河", "下湾", "杨树林", "大柳树", "三里桥", "五里铺", "石门坎", "黄泥塘", "新民", "红旗", "胜利", "团结", "友谊", "光明", "和平", "幸福", "解放", "东风", "群力"]
ROADS = ["人民路", "解放路", "建设路", "中山路", "文化路", "新华路", "胜利路", "和平路", "长江路", "黄河路", "迎宾大道", "滨河路", "工业大道", "环城北路", "环城东路", "朝阳路", "东风路", "光明路", "健康路", "育才路", "振兴路", "开发区大道", "府前街", "北京路", "上海路", "青年路"]
BUILDINGS = ["行政中心", "综合办公楼", "市民中心", "政务服务中心", "会展中心", "体育馆", "人民会堂", "宾馆", "老干部活动中心", "行政服务大楼", "文化艺术中心", "火车站广场", "客运中心", "广电大厦", "金融大厦"]


def pick(rng: random.Random, xs):
    return xs[rng.randrange(len(xs))]


def person_name(rng: random.Random, masked: float = 0.35) -> str:
    s = pick(rng, SURNAMES2) if rng.random() < 0.02 else pick(rng, SURNAMES)
    r = rng.random()
    if r < masked * 0.45:
        return s + "某"
    if r < masked * 0.8:
        return s + "某某"
    if r < masked:
        return s + pick(rng, ["×", "××", "*", "**", "XX", "某甲", "某乙"])
    n = 1 if rng.random() < 0.35 else 2
    return s + "".join(pick(rng, GIVEN) for _ in range(n))


def county(rng):
    return pick(rng, CITY_STEMS) + pick(rng, ["县", "县", "区", "市", "县"])


def city(rng):
    return pick(rng, CITY_STEMS) + "市"


def town(rng):
    return pick(rng, TOWN_STEMS) + pick(rng, ["镇", "镇", "乡", "街道"])


def village(rng):
    return pick(rng, VILLAGE_STEMS) + pick(rng, ["村", "村", "社区", "组"])


def date(rng, with_year=None):
    y = rng.randint(2016, 2025)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    if with_year is None:
        with_year = rng.random() < 0.6
    return f"{y}年{m}月{d}日" if with_year else f"{m}月{d}日"


def year(rng):
    return f"{rng.randint(2005, 2024)}年"


def address(rng):
    return pick(rng, [
        f"{county(rng)}{town(rng)}{village(rng)}{rng.randint(1, 15)}组{rng.randint(1, 99)}号",
        f"{city(rng)}{pick(rng, ROADS)}{rng.randint(1, 399)}号{rng.randint(1, 20)}栋{rng.randint(1, 3)}单元{rng.randint(101, 2602)}室",
        f"{county(rng)}{town(rng)}{pick(rng, ROADS)}{rng.randint(1, 200)}号",
    ])


AGENCIES = ["发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "信访局", "林业局", "乡村振兴局", "行政审批服务局", "数据资源管理局"]
PARTY_ORGS = ["县委组织部", "市委组织部", "区委组织部", "县委办公室", "县纪委监委", "市委政法委", "县委宣传部", "县委统战部", "县直机关工委", "市委巡察办"]
POSITIONS = ["局长", "副局长", "党组书记", "党组成员", "办公室主任", "科长", "副科长", "所长", "站长", "主任", "副主任", "镇长", "副镇长", "党委书记", "党委副书记", "乡长", "副乡长", "纪委书记", "政法委员", "武装部长", "总经济师", "总工程师", "副县长", "县长助理", "常务副县长"]
RANKS = ["一级调研员", "二级调研员", "三级调研员", "四级调研员", "一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员", "一级科员", "正科级", "副科级", "副处级", "正处级"]


def agency(rng):
    return county(rng) + pick(rng, AGENCIES) if rng.random() < 0.7 else pick(rng, ["县", "市", "区", ""]) + pick(rng, AGENCIES)


def post(rng):
    return pick(rng, [
        lambda: town(rng) + pick(rng, ["党委书记", "镇长", "党委副书记", "副镇长", "人大主席", "纪委书记"]),
        lambda: pick(rng, ["县", "市", "区"]) + pick(rng, AGENCIES) + pick(rng, ["局长", "副局长", "党组书记", "党组副书记", "主任", "副主任"]),
        lambda: pick(rng, ["县", "市", "区"]) + pick(rng, AGENCIES) + pick(rng, ["办公室主任", "综合科科长", "规划科科长", "财务科负责人", "执法大队大队长"]),
        lambda: pick(rng, ["县委", "市委", "区委"]) + pick(rng, ["组织部副部长", "宣传部副部长", "办公室副主任", "政法委副书记", "统战部副部长", "巡察办主任"]),
        lambda: pick(rng, ["县", "市", "区"]) + pick(rng, ["政府办公室副主任", "人民政府副县长", "政协副主席", "人大常委会副主任", "法院副院长", "检察院副检察长"]),
    ])()


HOSPITALS_SUFFIX = ["人民医院", "第一人民医院", "中医院", "妇幼保健院", "精神卫生中心", "传染病医院", "肿瘤医院", "中心医院", "第二人民医院"]


def hospital(rng):
    return pick(rng, [city(rng), county(rng), pick(rng, PROVINCES) + "省"]) + pick(rng, HOSPITALS_SUFFIX)


DISEASES = ["肺癌", "胃癌", "肝癌", "乳腺癌", "宫颈癌", "结肠癌", "白血病", "淋巴瘤", "尿毒症", "肝硬化", "系统性红斑狼疮", "帕金森病", "阿尔茨海默病", "脑梗死", "脑出血后遗症", "冠心病", "心肌梗死", "扩张型心肌病", "重症肌无力", "渐冻症", "类风湿关节炎", "强直性脊柱炎", "糖尿病肾病", "慢性肾功能衰竭", "乙型病毒性肝炎", "丙型肝炎", "活动性肺结核", "梅毒", "艾滋病", "癫痫", "不孕症", "甲状腺癌", "鼻咽癌", "食管癌", "多发性骨髓瘤", "再生障碍性贫血", "脊髓损伤", "颅脑损伤"]
MENTAL = ["精神分裂症", "双相情感障碍", "重度抑郁症", "偏执型精神障碍", "焦虑症", "酒精所致精神障碍", "器质性精神障碍", "智力残疾伴精神行为异常", "创伤后应激障碍"]
CRIMES = ["盗窃罪", "诈骗罪", "故意伤害罪", "抢劫罪", "寻衅滋事罪", "危险驾驶罪", "交通肇事罪", "贩卖毒品罪", "容留他人吸毒罪", "非法拘禁罪", "开设赌场罪", "帮助信息网络犯罪活动罪", "掩饰、隐瞒犯罪所得罪", "职务侵占罪", "聚众斗殴罪", "强奸罪", "故意毁坏财物罪", "非法吸收公众存款罪", "组织卖淫罪", "妨害公务罪", "非法持有枪支罪", "拒不支付劳动报酬罪", "受贿罪", "贪污罪"]
SENTENCES = ["有期徒刑六个月", "有期徒刑一年", "有期徒刑一年六个月", "有期徒刑二年", "有期徒刑三年", "有期徒刑三年六个月", "有期徒刑五年", "有期徒刑八年", "有期徒刑十年", "拘役四个月", "拘役三个月，缓刑六个月", "有期徒刑二年，缓刑三年", "有期徒刑一年，缓刑二年", "有期徒刑三年，缓刑四年", "管制一年"]
DRUGS = ["甲基苯丙胺（冰毒）", "海洛因", "氯胺酮（K粉）", "大麻", "麻古", "摇头丸", "冰毒"]
FACILITY_KINDS = ["110千伏变电站", "220千伏变电站", "500千伏变电站", "35千伏变电站", "自来水厂", "污水处理厂", "天然气门站", "液化天然气储配站", "加压泵站", "水库大坝", "通信枢纽楼", "广播电视发射台", "微波站", "数据中心", "成品油库", "粮食储备库", "应急物资储备库", "危险化学品仓库", "铁路桥梁", "高速公路隧道", "城市供热站", "核技术应用单位放射源库"]
UNITS_POLICE = ["特警大队", "巡警大队", "交警大队", "治安大队", "派出所", "武警中队", "刑警大队", "网安大队", "国保大队", "看守所", "机动中队"]


def police_unit(rng):
    return pick(rng, [county(rng) + "公安局", city(rng) + "公安局", ""]) + pick(rng, UNITS_POLICE)


def lonlat(rng):
    lon = rng.uniform(100, 122)
    lat = rng.uniform(22, 42)
    if rng.random() < 0.5:
        return f"东经{lon:.6f}°、北纬{lat:.6f}°"
    if rng.random() < 0.5:
        d1, m1, s1 = int(lon), rng.randint(0, 59), rng.randint(0, 59)
        d2, m2, s2 = int(lat), rng.randint(0, 59), rng.randint(0, 59)
        return f"东经{d1}°{m1}′{s1}″，北纬{d2}°{m2}′{s2}″"
    return f"（{lon:.5f}，{lat:.5f}）"


def phone_masked(rng):
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}****{rng.randint(1000, 9999)}"


def idnum(rng):
    area = rng.choice(["110105", "320102", "410105", "370102", "330106", "430103", "510104", "420106", "350102", "610113"])
    y = rng.randint(1950, 2002)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    body = f"{area}{y}{m:02d}{d:02d}{rng.randint(100, 999)}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * wi for c, wi in zip(body, w)) % 11
    return body + "10X98765432"[s]


def cn_num(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


# Slot name -> generator. A trailing digit (name2, town3) asks for a distinct value of the same kind.
SLOTS = {
    "name": lambda r: person_name(r),
    "fullname": lambda r: person_name(r, masked=0.0),
    "mname": lambda r: person_name(r, masked=1.0),
    "sex": lambda r: pick(r, ["男", "女"]),
    "age": lambda r: str(r.randint(19, 82)),
    "birth": lambda r: f"{r.randint(1950, 2003)}年{r.randint(1, 12)}月",
    "province": lambda r: pick(r, PROVINCES),
    "county": county,
    "city": city,
    "town": town,
    "village": village,
    "road": lambda r: pick(r, ROADS),
    "building": lambda r: pick(r, BUILDINGS),
    "date": date,
    "ydate": lambda r: date(r, True),
    "mdate": lambda r: date(r, False),
    "year": year,
    "address": address,
    "agency": agency,
    "party_org": lambda r: pick(r, PARTY_ORGS),
    "position": lambda r: pick(r, POSITIONS),
    "post": post,
    "rank": lambda r: pick(r, RANKS),
    "hospital": hospital,
    "disease": lambda r: pick(r, DISEASES),
    "mental": lambda r: pick(r, MENTAL),
    "crime": lambda r: pick(r, CRIMES),
    "sentence": lambda r: pick(r, SENTENCES),
    "drug": lambda r: pick(r, DRUGS),
    "facility": lambda r: pick(r, FACILITY_KINDS),
    "police": police_unit,
    "lonlat": lonlat,
    "phone_masked": phone_masked,
    "id": idnum,
    "hour": lambda r: f"{r.randint(0, 23)}时",
    "time": lambda r: f"{r.randint(6, 22)}:{r.choice(['00', '30', '15', '45'])}",
    "court": lambda r: pick(r, [county(r), city(r)]) + "人民法院",
    "floor": lambda r: pick(r, [f"{r.randint(2, 18)}楼", f"{r.randint(2, 12)}层", f"地下{r.randint(1, 3)}层", f"{r.randint(2, 9)}楼{r.randint(1, 30):02d}室", f"负{r.randint(1, 2)}层"]),
    "company": lambda r: pick(r, CITY_STEMS) + pick(r, ["鑫源", "宏达", "恒信", "华泰", "金辉", "远航", "新兴", "瑞丰", "永盛", "中建", "正泰", "万通"]) + pick(r, ["建设工程有限公司", "商贸有限公司", "实业有限公司", "科技有限公司", "置业有限公司", "物流有限公司", "餐饮管理有限公司", "环保科技有限公司"]),
    "project": lambda r: pick(r, CITY_STEMS) + pick(r, ["新区棚户区改造项目", "高铁站片区征收项目", "工业园区扩区项目", "老旧小区改造项目", "生活垃圾焚烧发电项目", "城南片区拆迁项目", "化工园区搬迁项目", "水库移民安置项目", "殡仪馆迁建项目", "物流园建设项目"]),
    "event": lambda r: pick(r, ["两会", "国庆", "春节", "党代会", "人代会", "国际马拉松赛", "经贸洽谈会", "重要会议", "敏感节点", "中考高考", "重大节庆活动", "元旦", "中秋", "重要纪念日"]),
    "leader": lambda r: person_name(r, masked=0.2) + pick(r, ["书记", "县长", "市长", "副书记", "部长", "主任", "同志"]),
}


def _slot_value(rng, key, ctx):
    if key in ctx:
        return ctx[key]
    m = re.fullmatch(r"(\d+)-(\d+)", key)
    if m:
        return str(rng.randint(int(m.group(1)), int(m.group(2))))
    base = key.rstrip("0123456789")
    fn = SLOTS.get(base)
    if fn is None:
        raise KeyError(f"unknown slot {key}")
    used = {v for k, v in ctx.items() if k.rstrip("0123456789") == base}
    for _ in range(20):
        v = fn(rng)
        if v not in used:
            break
    ctx[key] = v
    return v


ALT = re.compile(r"\[([^\[\]]*)\]")
SLOT = re.compile(r"\{([^{}]+)\}")


def fill(tpl: str, rng: random.Random, ctx: dict | None = None) -> str:
    """[a|b|c] picks one alternative (innermost first, so alternatives nest); {slot} draws a value,
    the same slot name giving the same value within one paragraph; {3-40} is a random integer."""
    ctx = {} if ctx is None else ctx
    # "{[a|b]}" is written in templates as a readable variant of "[a|b]".
    s = tpl.replace("{[", "[").replace("]}", "]")
    while True:
        m = ALT.search(s)
        if not m:
            break
        opts = m.group(1).split("|")
        s = s[: m.start()] + pick(rng, opts) + s[m.end():]
    # Ranges are drawn fresh at each occurrence; named slots are stable within the paragraph.
    return SLOT.sub(lambda m: _slot_value(rng, m.group(1), ctx) if not re.fullmatch(r"\d+-\d+", m.group(1)) else _slot_value(rng, m.group(1), {}), s)


def compose(rng: random.Random, parts: list[list[str]], ctx: dict | None = None, min_parts: int | None = None) -> str:
    """Builds a paragraph from ordered sentence pools: the first pool always contributes, later
    pools each contribute with some probability, so paragraph length and content vary."""
    ctx = {} if ctx is None else ctx
    out = []
    for i, pool in enumerate(parts):
        # The first two pools carry the substance (who/what); later ones add detail or a closing.
        if i < 2 or rng.random() < 0.75:
            out.append(fill(pick(rng, pool), rng, ctx))
    if min_parts and len(out) < min_parts and len(parts) > 1:
        out.append(fill(pick(rng, parts[-1]), rng, ctx))
    text = "".join(out)
    if text and text[-1] in "，；、：":
        text = text[:-1] + "。"
    return text
