"""Every lexical cue in one place: the Han range, title marks, posts, names, the bodies
that hold posts, units and counter words. Patterns work on simplified text."""
from __future__ import annotations

import re

# CJK unified ideographs, extension A and compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

# A title in 《》 (documents, plans, regulations); the group is the title itself.
TITLE = re.compile(r"《([^《》]+)》")

# Posts a person is named with ("市委副书记、市长汤方栋"); 副 marks a deputy.
POST = r"(?:副?书记|副?市长|副?省长|副?总理|国务委员|秘书长|副?主任|副?部长|副?厅长|副?局长|副?主席|副?县长|副?区长|副?州长|副?旗长|副?盟长|副?专员|副?委员长|委员|总书记|负责人)"
# The bodies a post belongs to ("市政府秘书长", "省委书记").
BODY = r"(?:市委|省委|县委|区委|州委|旗委|党委|党组|市政府|省政府|县政府|区政府|州政府|旗政府|国务院|中央|全国人大)"
# A post as a question or a claim names it: "市政府秘书长", "常务副市长", "分管区长" (the
# deputies, each in charge of a field).
NAMED_POST = re.compile(rf"{BODY}?(?:常务|分管)?{POST}")
# What before a post makes its holder a deputy, not the head: 副市长, 分管区长.
DEPUTY_MARKS = ("副", "分管")
# What a text says holders of a post must do, named without a person: "各分管区长要定期调度…".
POST_MUST = r"(?:要|应当|应|须|必须)"
# A Chinese personal name: two or three characters.
NAME = rf"[{HAN}]{{2,3}}"
# Leaders named as such: "市领导王庆良、李睿懿…参加会议" (their post is "市领导").
LEADERS_LISTED = re.compile(rf"([市省县区州旗]?领导)((?:{NAME}、)*{NAME})(?=[，,。；]|等|参加|出席)")
# Common Chinese surnames (about 400 single characters, in simplified script, and the compound
# ones), to tell a name after a post from a noun there: "区长李伟光" but not "区长质量奖".
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳"
    "谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普"
    "阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀"
    "衣信展阴昝智幸奉植衡富尧闭由习"
)
# What follows a year alone (no month) when it dates the meeting asked about: its number,
# the meeting itself, or 召开/举行 ("2020年第6次常务会议", "2023年的会议", "2023年召开的");
# elsewhere the year is of what is asked about ("确定2015年财政预算总额").
YEAR_OF_MEETING = re.compile(r"\s*度?(?:[，,]|第|[^，,。？?！!；]{0,16}?(?:会议|常务会|全体会|召开|举行))")
# A length of time ("延期6个月", "三年", "30个工作日"), not a date ("8月24日", "2024年").
DURATION_SPAN = re.compile(
    r"(?<![\d.])(?:\d{1,3}|[一二三四五六七八九十两半百]+)\s*(?:个(?:月|工作日|星期|小时)|工作日|天|周|星期|小时|年(?!度|\d|[一二三四五六七八九十]+月))")
# Characters no name holds that stand right before 主持的 in a question ("会议是谁主持的",
# "由王军主持的").
NOT_IN_NAME = "谁是议的由被"
COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 端木 轩辕 呼延 独孤".split())

# An amount question about money ("安排了多少资金", "How much was budgeted…"): its answer is an
# amount in a currency, not a tonnage or a count of projects.
_MONEY_ZH = r"资金|经费|预算|投资|投入|拨款|补贴|补助|奖金|金额|花费|费用"
_MONEY_EN = r"money|funding|funds?|funded|investment|invest\w*|budget\w*|spen[dt]\w*|allocat\w*|costs?|yuan|subsid\w*|grants?"
# the money word and the question word belong together ("多少资金", "投资多少", "How much money",
# "How much did … budget"), not "研发费用…比例提高到多少" (a ratio of an expense)
MONEY_ASKED = re.compile(
    rf"多少钱|多少元|多少(?:万|亿)?元?(?:{_MONEY_ZH})|(?:{_MONEY_ZH})(?:总额|规模)?(?:是|为|有|达|共|一共|总共)?多少"
    rf"|\bhow much\b(?:\s+[\w'-]+){{0,6}}?\s+(?:{_MONEY_EN})\b|\b(?:{_MONEY_EN})\b[\w\s'-]{{0,40}}\bhow much\b", re.I)
# Units of amounts and quantities ("3.5亿元", "200吨", "12个"); 人次 before 人.
AMOUNT_UNITS = r"(?:元|美元|吨|人次|人|户|个|项|家|平方米|公里|千米|亩|%)"
# An amount in figures with one of ``units`` ("3.5亿元", "200多吨"), or a sum in Chinese numerals ("三千万元").
AMOUNT_SHAPE = r"\d+(?:\.\d+)?\s*(?:多|余)?\s*(?:万|亿|千|百)*\s*(?:多|余)?{units}|[一二三四五六七八九十百千万亿]+(?:多|余)?(?:万|亿)?元"
MONEY_AMOUNT = re.compile(AMOUNT_SHAPE.format(units="(?:元|美元)"))
# Words of opposite sense: a claim that says one where the communiqué, in the same words
# around it, says the other is refuted ("实行“正面清单”管理" against "“负面清单”管理").
OPPOSITES = (
    ("正面", "负面"), ("提高", "降低"), ("增加", "减少"), ("扩大", "缩小"), ("放宽", "收紧"),
    ("上调", "下调"), ("增长", "下降"), ("加快", "放缓"), ("允许", "禁止"), ("延长", "缩短"),
)
# More units a stated quantity may have, for comparing a claim's numbers with the evidence's.
MEASURE_UNITS = r"(?:斤|公斤|千克|立方米|千瓦时|千瓦|辆|套|座|所|台|张|倍|个工作日|工作日|天|小时|分钟|岁|部|条|艘|架|棵)"
# Counter words after 几 / 多少 ("几位", "多少部") and after a number.
COUNTERS = "位个项份部名人家次条件种批所座天"
# Counter words that count people ("多少人", "几位"): such a count is of people, never of
# any other list.
PERSON_COUNTERS = "位名人"
# "哪个部门通报了…": a question asking which body did something (answered by the subject
# the text gives that predicate, not by the people it names).
BODY_ASKED = re.compile(r"哪一?个(?:部门|单位|机构)")
# Before a subject, the verb that charges it ("责成县妇联修改完善"); after it, the manner or
# grounds of its act ("县妇联根据会议讨论意见修改完善"): neither is the subject.
SUBJECT_CHARGED = re.compile(r"^(?:责成|要求|请|由|指定)")
SUBJECT_MANNER = re.compile(r"(?:根据|按照|依据|结合|对照)[^，,。；;]*$")
# Reports heard, by body: "听取县住建局关于A的汇报和关于B的汇报" (group 1 the body, group 2
# its reports); each report's subject; a question about what a body reported.
REPORTS_HEARD = re.compile(r"听取(?:了)?([^，,。；;、：:“”关]{2,24}?)((?:(?:[、和及]|以及)?关于[^；;。]+?的(?:工作)?汇报)+)")
REPORT_ITEM = re.compile(r"关于([^；;。]+?)的(?:工作)?汇报")
REPORT_ASKED = re.compile(r"汇报了?(?:什么|哪些|哪几|几|多少)|(?:几|多少)[个项份]汇报|什么汇报|哪些汇报")
# Titles side by side are a list's items ("审定了《A》《B》和《C》").
TITLES_JOINED = re.compile(r"》(?:和|及|与|以及)?《")
# An amount question asking the value something is raised or cut to ("提高到多少",
# "To what level was … raised?"), answered by the amount after 至/到/为, not the one before.
TARGET_ASKED = re.compile(r"(?:提高|提升|增加|增长|降低|下调|上调|调整|压减|减少)(?:到|至|为)(?:多少|几)|\bto what (?:level|rate|ratio|percentage|proportion|share)\b|\b(?:raised|increased|cut|lowered|reduced|adjusted) to\b", re.I)
# How a body's name ends, so that no person's name does ("有关部门负责人" names no 关部门).
BODY_WORD_END = re.compile(r"(?:部门|单位|机关|机构|政府|[局厅委署办])$")
# Where what a count question counts ends: "多少个部门参加了会议" counts 部门参加, not 会议.
COUNTED_END = re.compile(r"[的了吗呢在中里被把将]")
# What stands between the thing counted and the counter when it comes first: "项目一共有多少项".
COUNT_LEAD = re.compile(r"(?:一共|总共|共计|共|合计)?(?:有|是|为)?$")
# Chinese for what an English count asks about that says it counts people ("How many officials /
# leaders / members / participants"): a post, or a word for people.
PEOPLE_COUNTED = re.compile(rf"{POST}|[人员者]|领导|干部|代表|同志")
CHINESE_DIGITS = "一二三四五六七八九十百千万亿零〇两"

# A date question about when something takes effect ("自何时起施行", "When will … take
# effect?"): the meeting's day does not answer it; a sentence stating the day it takes
# effect does ("自2024年5月1日起施行").
EFFECTIVE_ASKED = re.compile(r"施行|生效|起实施|实施日期|\b(?:take|takes|took|taken|taking) effect\b|\bcome into (?:force|effect)\b|\beffective\b|\bin force\b", re.I)
EFFECTIVE_STATED = re.compile(r"施行|生效|起实施|起执行")
# The English preposition before a date, taken out with it ("the meeting of 29 June 2023").
DATE_PREPOSITION_EN = re.compile(r"\b(?:of|on|in|dated)\s*$", re.IGNORECASE)
# A question about which meeting or which day ("哪次会议…", "哪天…"): its answer is the
# document's date and number, not a phrase of the passage.
MEETING_QUESTION = re.compile(r"哪次|哪一次|哪天|哪一天|\bwhich (?:meeting|day)\b", re.I)
# What a meeting does: with a which-meeting question it asks for the communiqué's own
# meeting ("哪次会议审议通过了《…》", "会议是哪天开的"), not another named in its text ("在哪次会议上的讲话").
MEETING_ACT = re.compile(
    r"审议|通过|讨论|部署|决定|核准|研究|听取|确定|召开|举行|批准|出台|(?<![公展打放离分张])开(?:的|了|会)"
    r"|\b(?:approv|adopt|pass|discuss|decid|review|deploy|held|hold|conven|consider)\w*",
    re.I,
)
# The communiqué's name for its meeting in the opening: "市政府第20次常务会议".
MEETING_NAME = re.compile(rf"(?:召开|举行)([{HAN}]{{0,10}}?(?:第|届)[0-9一二三四五六七八九十百零〇]+次[{HAN}]{{0,4}}?会议)")

# Separators of the items of a list answer ("融媒体、广播电视台和日报社").
LIST_SEPARATOR = re.compile(r"[、，,；;]|和|及|与")
# A question that asks for places by name ("在哪些城市开展", "which provinces"): its answer
# must name one.
PLACE_QUESTION = re.compile(
    r"(?:哪些|哪几个|哪一?个|什么)(?:城市|省份|省区|省|地区|国家|地市|县市)"
    r"|\b(?:which|what) (?:cities|city|provinces?|regions?|countries|country)\b",
    re.I,
)
# A question that offers its own answers ("A还是B", "A or B"): the answer repeats its words.
CHOICE_QUESTION = re.compile(r"还是|或者|\bor\b", re.I)
# Characters trimmed from the ends of a reader's span (a token may carry them beside the answer).
# Where a conjunct of a 、-enumeration ends (outside quotes and brackets): a clause mark,
# the next 、, the 等 that closes the enumeration ("监管体制、监管方式、监管手段等方面"), or
# a closing mark whose opening one came before the enumeration ("“先有预算、后有支出”").
CONJUNCT_END = frozenset("、，。；：,;:！？!?等")
OPENING_MARKS = "“‘「『（(《〈【"
CLOSING_MARKS = "”’」』）)》〉】"
EDGE_PUNCTUATION = " \t，。、；：！？,.;:!?（）()“”\"'‘’《》「」"

# English month names, for dates an English question names ("19 May 2023", "May 19, 2023").
EN_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
         "august aug", "september sep sept", "october oct", "november nov", "december dec")
    )
    for m in names.split()
}
_MONTH_WORD = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
# "19 May 2023", "19th of May, 2023": day, month, year (year optional)
EN_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_WORD})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
# "May 19, 2023", "May 19": month, day, year (year optional)
EN_MONTH_DAY = re.compile(rf"\b({_MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
# "in May 2023": month, year
EN_MONTH_YEAR = re.compile(rf"\b({_MONTH_WORD})\.?,?\s+(\d{{4}})\b", re.I)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")

# The number of a meeting a question names: "第21次常务会议", "第二十一次会议",
# "the 21st executive meeting".
# A number may follow the term of the government instead of 第 ("区政府六届一次常务会议": the
# sixth government's first meeting); English ordinals may be spelt ("the second executive meeting").
MEETING_ORDINAL_ZH = re.compile(r"(?:第|(?<=届))([0-9一二三四五六七八九十百零〇两]+)次[^，。？?！!]{0,10}?会议")
EN_ORDINAL_WORDS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}
# An English ordinal, in figures or spelt (group 1: "21", "second"), and the space after it.
_EN_ORDINAL = rf"\b(\d+(?=st|nd|rd|th)|{'|'.join(EN_ORDINAL_WORDS)})(?:st|nd|rd|th)?\s+"
MEETING_ORDINAL_EN = re.compile(
    _EN_ORDINAL +
    # the words between name the meeting ("executive", "State Council"), not what happened at it
    # ("first approved at the meeting")
    r"(?:(?!(?:at|in|on|of|by|during|for|to|the|a|an)\b|\w+ed\b)\w+\s+){0,3}?(?:meeting|session)\b", re.I)
# The gap of a Chinese question that repeats the text's words around it ("要坚持什么？" and
# "坚持建管并重、疏堵结合", "关于什么的汇报" and "关于…建设计划的汇报"): the interrogative.
CLOZE_GAP = re.compile(r"什么样的?|怎样的|什么")
# A Chinese list question's own verb and the noun it asks for ("会议听取了哪些一季度工作情况" →
# 听取, 一季度工作情况): the list the text gives after that verb answers it.
LIST_ASKED_ZH = re.compile(rf"([{HAN}]{{2}})了?(?:哪些|哪几[个项类方面]?)([{HAN}]{{2,12}})")
# A list question asking for words that share a suffix ("要实现哪几化", "哪些化"): the text's
# enumeration of such words answers it ("推进政府决策科学化、民主化和法治化").
SUFFIX_ASKED_ZH = re.compile(rf"哪(?:几|些)个?([化性])(?![{HAN}])")
# The term of the government whose meeting a question names ("六届一次", "十六届第9次"; "the
# 65th executive meeting of its 18th government", "the 18th county government's …"): the
# communiqué's opening must name the same term.
MEETING_TERM_ZH = re.compile(r"([0-9一二三四五六七八九十百零〇两]+)届(?=第?[0-9一二三四五六七八九十百零〇两]+次)")
MEETING_TERM_EN = re.compile(_EN_ORDINAL + r"(?:(?:county|city|district|municipal|people's)\s+)?government\b(?!\s+(?:(?:executive|standing|plenary|regular)\s+)?meeting)", re.I)
# A sentence that convenes or chairs a meeting: where a communiqué names its own place
# ("3日下午,广州市市长陈建华主持召开市政府常务会议"), unlike a place it goes on to speak of.
MEETING_CALLED = re.compile(r"召开|主持|举行")
# A paragraph of what the meeting said ("会议强调，…", "会议听取了…"): past the lines that name it.
MEETING_SAID = re.compile(r"\s*会议")
# A place an opening names as its government's where a clause starts or after 召开 ("8月16日下午,
# 西岗区政府召开…", "主持召开上街区人民政府…"): a place name even where no dictionary lists it.
BODY_PLACE = re.compile(rf"(?:^|(?<=[，,。；;\s日午])|(?<=召开))([{HAN}]{{2,3}})(?:省|市|县|区|州|旗)(?:人民)?政府")
# The body a question says held the meeting, named by its place: "盘锦市政府…",
# "深圳市人民政府常务会议", "桂林市第5次常务会议"; group 1 ends with the place name.
PLACE_HOLDER_ZH = re.compile(
    rf"([{HAN}]{{2,8}}?)(省|市|县|区|州|旗|自治区|自治州|自治县|自治旗|盟|地区)(?:人民)?(?:政府|[^，。？?]{{0,8}}?常务会议|党委|委员会)"
)
# A place named by the head of its government a question asks about: "西岗区区长在全体会议上做了
# 什么" (group 1 ends with the place name, group 2 its level).
PLACE_POST_ZH = re.compile(rf"([{HAN}]{{2,8}}?)(省|市|县|区|州|旗)(?=副?(?:省|市|县|区|州|旗)长)")
# A county, district or banner a question opens with, as the subject of what its meeting did
# ("龙湖区要求…", "兴县鼓励群众…"): group 1 the place (one character: 兴 of 兴县), group 2 its
# level. (Not a city's or province's: those are often the topic of a State Council meeting.)
PLACE_LEADING_ZH = re.compile(rf"^([{HAN}]{{1,3}}?)(区|县|旗)(?!委|长|领导)")
# The level of government a communiqué's meeting belongs to, as its opening names the body
# ("县长王军主持召开县政府第四十二次常务会议" → 县, "自治区人民政府常务会议" → 自治区, "开江县第十九届
# 人民政府" → 县);
# a page on a government's own site often names no place, only the body.
BODY_LEVEL = re.compile(r"国务院|(自治区|自治州|自治县|自治旗|省|市|县|区|州|旗|盟)(?:第?[0-9一二三四五六七八九十]+届)?(?:人民)?政府")
# Terms that name which meeting a question is about, not what it is about ("第四十二",
# "20" of "第20次", "县政府", "常务会议", "全体会议").
MEETING_TERM = re.compile(r"^第?[0-9一二三四五六七八九十百零〇两]+次?$|政府$|会议$|常务会$")
# English words for the levels, as PLACE_HOLDER_EN's phrase ends ("the Tongjiang county government").
EN_LEVELS = {"city": "市", "municipal": "市", "provincial": "省", "province": "省", "county": "县", "district": "区",
             "prefecture": "州", "prefectural": "州", "regional": "自治区", "region": "自治区", "banner": "旗", "league": "盟"}
# Bodies a dictionary lists as proper nouns, which are no place ("the State Council executive meeting").
BODIES_NOT_PLACES = frozenset({"国务院", "中央", "党中央", "中共中央", "全国人大", "全国政协", "人大", "政协"})
# "the Guilin city government", "Shanghai municipal government", "the Xinjiang regional
# government's executive meeting", "the government of Shenzhen", "the Panjin meeting";
# group 1, 2 or 3 is the place.
PLACE_HOLDER_EN = re.compile(
    r"\b((?:[A-Z][a-z]+\s){1,3}?)(?:(?:city|municipal|provincial|province|county|district|prefecture|prefectural|"
    r"regional|autonomous region|region|people's)\s+){0,2}(?:\d+(?:st|nd|rd|th)\s+)?"
    r"(?:government|(?:(?:executive|standing|plenary|regular)\s+)?meeting)\b"  # "the Panjin meeting", "the Tongjiang county 42nd executive meeting"
    r"|\bgovernment\s+of\s+((?:[A-Z][a-z]+\s?){1,3})"
    # a place a local level follows wherever it stands: "When did Kaijiang county hold …"
    r"|\b((?:[A-Z][a-z]+\s){1,2}?)(?:county|district|banner|city)\b"
)

# The source line of a government web page: "来源：盘锦市人民政府" (group 1: the publisher).
SOURCE_LINE = re.compile(r"(?:来源|來源|信息来源|发布机构|發布機構)\s*[:：]\s*([^\s|｜　]{2,30})")
# A date with a part missing or impossible: "2022年33日", "2022年13月5日", "4月35日".
GARBLED_DATE = re.compile(r"\d{4}年\d{1,2}日|\d{4}年(?:1[3-9]|[2-9]\d)月|(?<!\d)(?:1[3-9]|[2-9]\d)月\d{1,2}日|\d{1,2}月(?:3[2-9]|[4-9]\d)日")
# A numbered item at the start of a line ("1.会议审议…", "2、会议…"): summary lists.
NUMBERED_LINE = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、)）]\s*")

# Attending a meeting, in a claim or a communiqué ("王庆良参加了会议", "出席", "列席"); "sat in
# on" (without a vote) is 列席.
SITTING_IN = re.compile(r"列席|\bs[ai]t(?:s|ting)?\s+in\b", re.I)
ATTENDANCE = re.compile(rf"参加|出席|与会|\battend|{SITTING_IN.pattern}", re.I)
# What a person does at a meeting besides chairing or attending it, asked as "请谁授课",
# "谁作了报告", "由谁汇报": the answer is who the communiqué says did it.
SPEAKING_ACT = re.compile(r"授课|讲课|讲话|作(?:了)?(?:专题)?报告|汇报|发言|解读|宣讲|辅导|讲解|致辞|通报")
# A question asking for a day, and a day as a text gives it ("4月16日", "四月十六日").
ASKS_DAY = re.compile(r"几月几[日号]|哪一?天|哪一日")
DAY = re.compile(r"[0-9一二三四五六七八九十〇]{1,3}月[0-9一二三四五六七八九十]{1,3}[日号]|\d{4}-\d{1,2}-\d{1,2}")
# Who was invited: asked ("还邀请了谁参加", "Who was invited") and stated ("会议同时邀请了盘锦市
# 融媒体、盘锦市广播电视台参加", "邀请部分全国人大代表、政协委员列席会议").
INVITATION_ASKED = re.compile(r"邀请|受邀|应邀|\binvit", re.I)
INVITED = re.compile(r"邀请了?([^，,。；;：:]{2,80}?)(?:参加|出席|列席|与会)")
# What may stand between a chair's name and 主持: "李强10月10日主持", "汤方栋16日上午主持", "刘国忠今天主持",
# "李奉利在区机关大楼第一接待室主持"; a chair who convenes, says the same ("区长李旭召开区政府第63次常务会议").
CHAIRED_AFTER_NAME = re.compile(r"(?:同志)?(?:今天|昨天|近日|日前)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚)?(?:在[^，,。；]{1,20}?)?(?:主持|召开)")
# "chaired by X" in an English claim (group 1: X, a post or a name).
EN_CHAIRED = re.compile(r"\b(?:chaired|presided over|hosted|led)\s+by\s+(?:the\s+)?([A-Za-z][A-Za-z .'-]{1,60}?)(?:\s+(?:on|at|in)\b|[,.;]|$)", re.I)
# "Li Qiang chaired the meeting": the same claim in the active voice (group 1: the name).
EN_CHAIR_ACTIVE = re.compile(r"\b((?:the\s+)?[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+){1,3})\s+(?:chaired|presided over|hosted)\b")
# Posts as English claims name them, in the Chinese the communiqués use (longest first wins).
EN_POSTS = {
    "executive vice mayor": "常务副市长",
    "vice mayor": "副市长",
    "deputy mayor": "副市长",
    "mayor": "市长",
    "state councillor": "国务委员",
    "state councilor": "国务委员",
    "secretary-general": "秘书长",
    "secretary general": "秘书长",
    "executive vice governor": "常务副省长",
    "vice governor": "副省长",
    "governor": "省长",
    "vice premier": "副总理",
    "premier": "总理",
    "party secretary": "书记",
    "county head": "县长",
    "district head": "区长",
}

# Nouns a list question asks with that say only "things" ("审定了哪些事项"): any object of its
# verb is one of them, whatever its own head noun.
ANY_ITEM_NOUNS = ("事项", "事宜", "议题", "内容")
# Words of a document question that say what happened to the documents or what kind they
# are, not what they are about ("会议审议通过了哪些与预算有关的文件" is about 预算 alone).
DOCUMENT_EVENT_TERMS = frozenset(
    "通过 审议 会议 涉及 有关 关于 相关 获得 批准 研究 讨论 印发 出台 原则 决定 提请 "
    "审定 文件 议题 事项 方案 办法 条例 规定 意见 法规 规划 草案 通知 法律".split()
)

# Chinese question words → the English words that open an English question (training
# questions are glossed into English with CC-CEDICT; these closed-class words are fixed
# here because the dictionary's first sense is not the interrogative one, e.g. 多少 "number").
QUESTION_WORDS_EN = {
    "什么时候": "when", "何时": "when", "哪一年": "which year", "哪年": "which year", "哪一天": "which day",
    "哪里": "where", "哪儿": "where", "何地": "where", "何处": "where", "为什么": "why", "为何": "why",
    "怎么样": "how", "怎么": "how", "怎样": "how", "如何": "how", "多少": "how many", "几": "how many",
    "多大": "how big", "多长": "how long", "多久": "how long", "多高": "how high", "谁": "who",
    "哪些": "which", "哪个": "which", "哪一": "which", "哪位": "who", "哪": "which", "什么": "what", "何": "what",
}
# Particles with no English word (dropped when glossing) and function words whose first
# dictionary sense is not their grammatical one (被 "quilt", 在 "to exist").
GLOSS_DROP = frozenset("吗呢吧呀啊了的被把所")
FUNCTION_WORDS_EN = {"在": "in", "于": "in", "和": "and", "与": "and", "及": "and", "对": "to", "从": "from", "以": "with", "为": "for", "时": "when", "中": "in", "后": "after", "前": "before", "是": "is"}

# An English question asking who chaired ("Who chaired the meeting?").
EN_CHAIR_ASKED = re.compile(r"\b(?:chair(?:ed|s)?|presided|hosted)\b", re.I)
# A capitalised word (not an acronym): a name an English question may spell in pinyin.
CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b")
# Capitalised words in a row, where a Chinese name spelled in pinyin is two or three of them
# ("chaired by Yan Jinhai", "Did Li Qiang …").
PINYIN_NAME = re.compile(r"\b[A-Z][a-z]{0,11}(?:\s[A-Z][a-z]{0,11})+\b")
# An English question naming a meeting by who chaired it ("Zhang Baishun's meeting").
EN_CHAIR_CUE = re.compile(r"\b(?:chair(?:ed|s)?|presid(?:ed|es)|hosted|convened)\b|'s (?:executive )?meeting\b", re.I)
# English words for what a meeting's chair does, as communiqués say it (the dictionary's
# first sense of "chair" is 主席, a post).
EN_MEETING_WORDS_ZH = (("presided over", "主持"), ("chaired", "主持"), ("presided", "主持"), ("chairs", "主持"), ("convened", "召开"))
# "What did the meeting study / discuss?": the verbs whose object is the topics asked for,
# with the Chinese verbs a communiqué lists its topics after ("研究…、…等工作").
# "Which system should …?": the words a "which" names before its verb; one of them plural
# ("Which first-quarter reports did …") asks for a list, none ("Which system") for one thing.
EN_WHICH_NOUNS = re.compile(
    r"\bwhich\s+((?:(?!(?:did|does|do|was|were|is|are|has|have|had|should|will|would|can|could|must|may)\b)[\w'-]+\s+){1,3})", re.I)
EN_PLURAL = re.compile(r"(?<![su'])s$|ies$|\b(?:people|staff|personnel)$", re.I)
EN_TOPIC_VERBS_ZH = {
    "study": ("研究",), "discuss": ("讨论", "研究"), "review": ("审议", "研究"), "deploy": ("部署",),
    "consider": ("研究", "审议"), "examine": ("审议", "研究"), "hear": ("听取",),
}
# English question words → the Chinese ones (an English question rendered in Chinese words
# for the reader, which was trained on Chinese questions); longest first.
EN_QUESTION_WORDS_ZH = (
    ("how many", "多少"), ("how much", "多少"), ("how long", "多长时间"), ("how old", "多大"), ("how big", "多大"),
    ("what year", "哪一年"), ("which year", "哪一年"), ("what date", "哪一天"), ("which day", "哪一天"),
    ("what time", "什么时候"), ("when", "什么时候"), ("whom", "谁"), ("whose", "谁的"), ("who", "谁"),
    ("where", "哪里"), ("why", "为什么"), ("how", "如何"), ("which", "哪个"), ("what", "什么"),
)
