"""Rules as data: every pattern the builder recognises, in both scripts.

Nothing here names this article's people or sentences; it lists forms that recur across the
genre (reporting verbs, particles, heading forms, platform notices). Order matters where a
list is tried in turn: longer forms come first so that 表示認同 wins over 表示.
"""
from __future__ import annotations

import re

# Reporting verbs. The kind is "agreement" for a bare statement of agreement (no content).
AGREEMENT_CUES = ("表示認同", "表示认同", "表示贊同", "表示赞同", "表示同意", "深表認同", "深表认同")
SPEECH_CUES = (
    "對記者表示", "对记者表示", "接受採訪時表示", "接受采访时表示", "在聲明中稱", "在声明中称",
    "回應稱", "回应称", "回應表示", "回应表示", "分析道", "分析到", "分析稱", "分析称",
    "補充道", "補充到", "补充道", "补充到", "補充說", "补充说",
    "認為", "认为", "認爲", "指出", "表示", "強調", "强调", "坦言", "直言", "提到", "談到", "谈到",
    "透露", "解釋", "解释", "稱", "称", "說", "说",
)
CUES = tuple(sorted(AGREEMENT_CUES + SPEECH_CUES, key=len, reverse=True))
# A cue inside these words is not speech (對購房者來說 "for buyers", 據說 "reportedly", 可以說 "one may say").
NOT_SPEECH = ("來說", "来说", "據說", "据说", "聽說", "听说", "可以說", "可以说", "應該說", "应该说", "就是說", "就是说",
              "比如說", "比如说", "換句話說", "换句话说", "所說", "所说", "總的來說", "总的来说", "一般來說", "一般来说")
# Words no title contains: a "role" with one of them is a clause, not a title (這一條款對購房者來…).
NOT_IN_TITLES = set("對对是在了把被將将這这那")

# Words between the mention and the cue: not part of either span.
PARTICLES = ("進一步", "进一步", "進而", "进而", "對此", "对此", "同樣", "同样", "也", "則", "则", "還", "还", "亦", "更")
# Sentence openers before the mention.
CONNECTORS = ("對此", "对此", "此外", "另外", "同時", "同时", "不過", "不过", "而", "但")
# Openers of a leading phrase that ends at the first comma (對於X的回應，他表示…).
PREFACE_PHRASES = ("對於", "对于", "關於", "关于", "針對", "针对", "談及", "谈及", "談到", "谈到", "就")
PREFACE_MAX = 30
PRONOUNS = {"他": "male", "她": "female"}
# Unnamed or collective sources (有消息稱, 市場普遍認為, 外界認為): reported, but nobody speaks.
UNNAMED_SOURCES = ("消息", "報道", "报道", "報導", "报导", "傳聞", "传闻", "有人", "人士", "業內", "业内", "業界", "业界",
                   "市場", "市场", "外界", "普遍", "觀點", "观点", "分析", "輿論", "舆论", "網友", "网友")

# A mention ending in one of these is an organization speaking (京東方面 -> 京東).
ORG_MENTION_SUFFIXES = ("相關負責人", "相关负责人", "負責人", "负责人", "發言人", "发言人", "方面", "官方")
# Names that are organizations by their ending (a company, a report).
ORG_NAME_SUFFIXES = (
    "研究中心", "中心", "商學院", "商学院", "學院", "学院", "大學", "大学", "研究院", "研究所", "公司",
    "集團", "集团", "科技", "銀行", "银行", "協會", "协会", "委員會", "委员会", "事務所", "事务所",
    "基金會", "基金会", "證券", "证券", "資本", "资本", "報告", "报告", "平臺", "平台", "系",
)
# Titles that end a role printed before a name (…研究員趙某 -> role …研究員, name 趙某). A role may
# also be an organization alone (清華大學張某), so ORG_NAME_SUFFIXES end roles too.
TITLE_SUFFIXES = (
    "首席經濟學家", "首席经济学家", "研究員", "研究员", "專家", "专家", "投資人", "投资人",
    "分析師", "分析师", "董事長", "董事长", "創始人", "创始人", "創辦人", "创办人", "合夥人", "合伙人",
    "秘書長", "秘书长", "負責人", "负责人", "發言人", "发言人", "主任", "院長", "院长", "所長", "所长", "會長", "会长",
    "教授", "律師", "律师", "總監", "总监", "經理", "经理", "總裁", "总裁", "主席", "主編", "主编", "編輯", "编辑",
    "學者", "学者", "博士", "顧問", "顾问", "理事", "董事", "講師", "讲师", "部長", "部长",
    "消費者", "消费者", "市民", "旅客", "乘客", "家長", "家长", "司機", "司机", "居民", "車主", "车主", "店主", "商戶", "商户",
    "用戶", "用户", "患者", "讀者", "读者", "學生", "学生", "員工", "员工", "網友", "网友", "評論員", "评论员", "委員", "委员", "員", "员", "研究者", "觀察人士", "观察人士", "業內人士", "业内人士", "從業者", "从业者", "創業者", "创业者",
    "CEO", "CFO", "CTO", "COO",
)
# Honorifics printed after a name (李某教授表示).
HONORIFICS_AFTER_NAME = ("教授", "律師", "律师", "博士", "院士", "先生", "女士", "老師", "老师")

# A surname followed by one of these continues a person introduced earlier (李教授, 王女士).
FORMS_OF_ADDRESS = ("先生", "女士", "小姐", "教授", "律師", "律师", "博士", "老師", "老师", "院長", "院长", "主任",
                    "總", "总", "董", "經理", "经理", "研究員", "研究员", "會長", "会长", "所長", "所长", "部長", "部长")

GENERIC_ADDRESSES = ("先生", "女士", "小姐")   # say nothing of a role, unlike 李教授 or 王律師

# Common single-character surnames in both scripts, and compound ones.
SURNAMES = set(
    "王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何高林羅罗鄭郑梁謝谢宋唐許许韓韩馮冯鄧邓曹彭曾肖蕭萧田董袁潘"
    "于蔣蒋蔡余杜葉叶程蘇苏魏呂吕丁任沈姚盧卢姜崔鍾钟譚谭陸陆汪范金石廖賈贾夏韋韦付方白鄒邹孟熊秦邱江尹薛閻阎段雷侯龍龙"
    "史陶黎賀贺顧顾毛郝龔龚邵萬万錢钱嚴严覃武戴莫孔向湯汤常溫温康施文牛樊葛邢安齊齐易喬乔伍龐庞顏颜倪莊庄聶聂章魯鲁岳"
    "翟殷詹申歐欧耿關关蘭兰焦俞左柳甘祝包寧宁尚符舒阮柯紀纪梅童凌畢毕單单季裴霍塗涂成苗谷盛曲翁冉駱骆藍蓝路游辛靳管柴蒙"
    "鮑鲍華华喻祁蒲房滕屈饒饶解牟艾尤陽阳時时穆農农司卓古吉繆缪簡简車车項项連连芦麥麦褚婁娄竇窦戚岑景黨党宮宫費费卜冷晏"
    "席衛卫米杭茅賴赖洪龔龚黎邱湛鄔邬錢钱萬万闞阚勞劳諶谌鄢闫閆裘蔚樂乐郎桂晉晋臧隋宗虞卞鞏巩刁利於柏竺"
    "權权遲迟蓋盖欒栾湛談谈巫狄滿满烏乌仇邰佘斐榮荣應应丘"
)
COMPOUND_SURNAMES = ("歐陽", "欧阳", "司馬", "司马", "上官", "諸葛", "诸葛", "東方", "东方", "皇甫", "尉遲", "尉迟", "司徒", "令狐", "慕容")
# Surnames whose reading differs from the character's common reading.
SURNAME_READINGS = {"曾": "zeng", "單": "shan", "单": "shan", "解": "xie", "仇": "qiu", "樂": "yue", "乐": "yue",
                    "區": "ou", "区": "ou", "查": "zha", "繆": "miao", "缪": "miao", "朴": "piao", "覃": "qin", "蓋": "ge", "盖": "ge"}

# A report that speaks for the organization that published it (中物聯發布的報告稱 -> 中物聯).
REPORT_BY = re.compile(r"^(?P<org>.+?)(?:發布的|发布的|發佈的|的)(?:最新)?(?:報告|报告|白皮書|白皮书|數據|数据|公告|聲明|声明)$")

# Punctuation.
SENTENCE_END = "。！？!?"
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’"}
CLOSE_QUOTES = {v: k for k, v in OPEN_QUOTES.items()}
ASCII_QUOTE = '"'
CUE_TRAILERS = ",，:：、 \u3000"
MENTION_FORBIDDEN = set("，,。；;：:！？!?“”「」『』\"()（）【】")
# A publication that "speaks" (《2024電商報告》指出): the title in book-title marks.
PUBLICATION = re.compile(r"^《[^《》]+》(?:報告|报告|白皮書|白皮书)?$")

# Lines that are image placeholders: markdown images and the text news apps leave behind.
IMAGE_LINE = re.compile(r"^(?:!\[[^\]]*\]\([^)]*\)|[\[【（(]?(?:圖片|图片|圖|图|視頻|视频)(?:來源|来源)?[^。]{0,24}?[\]】）)]?)$")

# Section headings: (pattern, how the number is written). Each gives label, num and title.
_CN_NUM = "一二三四五六七八九十百零〇"
HEADINGS = (
    re.compile(r"^(?P<label>(?P<num>\d{1,3})[.．、])\s*(?P<title>[^\s].*)$"),
    re.compile(rf"^(?P<label>(?P<num>[{_CN_NUM}]{{1,3}})、)\s*(?P<title>[^\s].*)$"),
    re.compile(rf"^(?P<label>[（(](?P<num>[{_CN_NUM}]{{1,3}}|\d{{1,3}})[）)])\s*(?P<title>[^\s].*)$"),
    re.compile(rf"^(?P<label>【(?:觀點|观点|第)?(?P<num>[{_CN_NUM}]{{1,3}}|\d{{1,3}})(?:部分)?】)\s*(?P<title>.*)$"),
    re.compile(rf"^(?P<label>(?:觀點|观点)(?P<num>[{_CN_NUM}]{{1,3}}|\d{{1,3}})[:：])\s*(?P<title>[^\s].*)$"),
)
HEADING_MAX_CHARS = 40

# Platform and site notices: (pattern at line start, language, pattern whose group 1 is the platform).
NOTICES = (
    (re.compile(r"^(?:特別聲明|特别声明)[:：]"), "zh", re.compile(r"平[臺台][“\"「]([^”\"」]+)[”\"」]")),
    (re.compile(r"^(?:免責聲明|免责声明|版權聲明|版权声明|聲明|声明)[:：]"), "zh", re.compile(r"[“\"「]([^”\"」]+)[”\"」]")),
    (re.compile(r"^本文.{0,24}(?:觀點|观点).{0,24}(?:立場|立场|無關|无关)"), "zh", re.compile(r"[“\"「]([^”\"」]+)[”\"」]")),
    (re.compile(r"^Notice: The content above"), "en", re.compile(r"a user of ([^,]+), which")),
    (re.compile(r"^(?:Disclaimer|Notice):"), "en", re.compile(r"a user of ([^,]+), which")),
)

# The script reference for errata of the kind script_conversion (see errata_check.py): a Traditional
# text is converted to Simplified and back (OpenCC tw2s, then s2tw); a character the round trip
# changes is a candidate Simplified form left by a Simplified-to-Traditional rendering. Where
# Traditional usage and the reference part ways, each case says why.
SCRIPT_REFERENCE = ("tw2s", "s2tw")
# (printed, reference's form): the printed form is Traditional usage too, so not an erratum.
SCRIPT_VARIANTS_ACCEPTED = {
    ("布", "佈"): "布 and 佈 are both Traditional usage (發布/發佈, 布局/佈局)",
    ("注", "註"): "注定 and 註定 are both Traditional usage",
    ("借", "藉"): "借助 and 藉助 are both Traditional usage",
    ("周", "週"): "周期 and 週期 are both Traditional usage",
    ("傭", "佣"): "傭金 and 佣金 are both Traditional usage; 傭 is not a Simplified form",
    ("墻", "牆"): "墻 is a Traditional variant of 牆 (Simplified 墙), not a Simplified form",
}
# (printed, suggested): a Simplified-only form the reference keeps (its dictionaries accept it).
SCRIPT_REFERENCE_MISSES = {
    ("伙", "夥"): "OpenCC keeps 伙伴; Traditional usage writes 夥伴 (partner)",
    ("喂", "餵"): "OpenCC keeps 喂 (in Traditional writing the interjection); to feed is 餵",
}
# (printed, reference's form, suggested): the reference flags the character but picks another reading.
SCRIPT_REFERENCE_MISREADS = {
    ("并", "併", "並"): "OpenCC reads 并發 as 併發 (merge, concurrent); where 并 is 'and' before 發 ('and published', 並發布), Traditional usage writes 並",
}
