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
# Reporting verbs of real news copy beyond the commentary genre (Hong Kong, Taiwan and mainland
# outlets). They are found from the cue (cue_search.py); the speaker is searched before them.
NEWS_CUES = (
    "告訴記者", "告诉记者", "對記者說", "对记者说", "發表看法", "发表看法", "作出回應", "作出回应", "回應道", "回应道",
    "回應", "回应", "宣布", "宣佈", "公布", "公佈", "證實", "证实", "承認", "承认", "坦承", "警告", "提醒",
    "建議", "建议", "呼籲", "呼吁", "敦促", "形容", "分析", "澄清", "質疑", "质疑", "批評", "批评", "否認", "否认",
    "要求", "表明", "重申", "懇請", "恳请", "聲稱", "声称", "宣稱", "宣称", "堅稱", "坚称", "直指", "指稱", "指称",
    "介紹", "介绍", "說明", "说明", "披露", "補充", "补充", "寫道", "写道", "問道", "问道", "反問", "反问", "答道",
    "回答", "反駁", "反驳", "駁斥", "驳斥", "譴責", "谴责", "抨擊", "抨击", "指責", "指责", "表態", "表态",
    "坦白", "感嘆", "感叹", "笑稱", "笑称", "笑言", "憶述", "忆述", "預計", "预计", "預料", "预料", "估計", "估计",
    "提出", "主張", "主张", "評論", "评论", "點評", "点评", "提及", "談及", "谈及", "寫", "写", "指", "批", "問", "问",
    "發表聲明", "发表声明", "發布聲明", "发布声明", "發佈聲明", "發聲明", "发声明", "發表言論", "发表言论", "發表談話", "发表谈话",
    "辟謠", "辟谣", "勸告", "劝告", "不予置評", "不予置评", "確認", "确认", "指控", "辯稱", "辩称", "致歉", "道歉",
    "感謝", "感谢", "反映",
    "發布新聞稿", "发布新闻稿", "發佈新聞稿", "發新聞稿", "发新闻稿", "發出聲明", "发出声明",
    "報導", "報道", "报道", "报导", "笑說", "笑说", "稱讚道", "称赞道", "讚道", "赞道", "說道", "说道", "笑道", "嘆道", "叹道", "表達", "表达", "發文", "发文", "撰文", "發帖", "发帖", "預期", "预期", "料", "倡", "促", "斥", "轟", "轰", "讚", "赞",
    "勸", "劝", "重提", "告訴", "告诉", "回憶", "回忆",
    # statements made through a document or notice, hints, speaking out
    "發來聲明", "发来声明", "發出關注函", "发出关注函", "發出問詢函", "发出问询函", "發函", "发函", "下發通知", "下发通知",
    "發出通知", "发出通知", "通報稱", "通报称", "暗示", "發聲", "发声", "做出回應", "做出回应", "發出文告", "发出文告",
    "闡明", "阐明",
    # promises, threats, praise and attacks, recollection; Taiwan and Hong Kong headline verbs
    "相信", "承諾", "承诺", "揚言", "扬言", "放話", "放话", "喊話", "喊话", "回憶道", "回忆道", "回憶說", "回忆说", "爆料",
    "證稱", "证称", "自稱", "自称", "痛批", "狠批", "怒批", "怒斥", "炮轟", "砲轟", "炮轰", "大讚", "大赞", "盛讚", "盛赞",
    "讚揚", "赞扬", "稱讚", "称赞", "慨嘆", "慨叹", "感慨", "公告", "籲", "吁", "曝", "揭", "嗆", "呛", "喊", "酸",
)
# The variant character 説 (U+8AAC) is printed for 說 by some Hong Kong and Taiwan outlets.
_VARIANTS = tuple(c.replace("說", "説") for c in SPEECH_CUES + NEWS_CUES if "說" in c)
CUES = tuple(sorted(AGREEMENT_CUES + SPEECH_CUES, key=len, reverse=True))
# Every cue the cue-first search knows, longest first.
ALL_CUES = tuple(sorted(set(AGREEMENT_CUES + SPEECH_CUES + NEWS_CUES + _VARIANTS), key=lambda c: (-len(c), c)))


def by_first_character(cues: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """first character -> the cues it starts, in their order (longest first): one lookup, not a
    test of every cue, at each character."""
    out: dict[str, tuple[str, ...]] = {}
    for cue in cues:
        out[cue[0]] = out.get(cue[0], ()) + (cue,)
    return out


CUES_BY_FIRST = by_first_character(CUES)            # the sentence-start rules (attribution.py)
ALL_CUES_BY_FIRST = by_first_character(ALL_CUES)    # the cue-first search (cue_search.py)
# A short cue followed by one of these characters is part of another word (指標, 批准, 說服, 稱為, 問題).
CUE_NOT_BEFORE = {
    "指": "出標标數数導导定引揮挥南控責责令示向望甲紋纹針针名派",
    "批": "准評评次發发量示判文改覆复料",
    "問": "題题卷候責责世津及",
    "问": "题卷候责世津及",
    "寫": "作字信下入成道",
    "写": "作字信下入成道",
    "稱": "為为讚赞號号呼職职",
    "称": "为赞号呼职",
    "說": "服法",
    "説": "服法",
    "说": "服法",
    "分析": "師师員员人",
    "料": "理想到",
    "促": "進进成使銷销",
    "讚": "助賞美",
    "赞": "助赏美",
    "斥": "資资",
    "倡": "議议導导",
    "勸": "導說阻架解",
    "劝": "导说阻架解",
    "提出": "的",
    "回答": "問问",
    "形容": "詞词",
    "評論": "員",
    "评论": "员",
    "喊": "價价停出叫",
    "酸": "雨奶性味甜痛菜民",
    "揭": "幕開开牌",
    "曝": "光曬晒",
    "嗆": "鼻到",
    "呛": "鼻到",
    "要求": "的",
    # publishing a document (公布《…報告》) reports nobody's words
    "公布": "《", "公佈": "《", "發布": "《", "发布": "《", "發佈": "《",
}
# Cues too short or too common to be trusted without a clear speaker right before them.
# Cues that report only when punctuation or a quotation follows them (確認，… reports; 確認出任 does not).
STRICT_CUES = ("確認", "确认", "回憶", "回忆")
WEAK_CUES = ("確認", "确认", "籲", "吁", "曝", "揭", "嗆", "呛", "喊", "酸", "相信", "感慨", "要求", "指", "批", "問", "问", "表達", "表达", "發文", "发文", "撰文", "發帖", "发帖", "預期", "预期", "料",
             "倡", "促", "斥", "轟", "轰", "讚", "赞", "勸", "劝", "重提", "寫", "写", "提出", "要求", "回答", "分析", "說明", "说明", "介紹", "介绍",
             "補充", "补充", "評論", "评论", "提及", "談及", "谈及", "預計", "预计", "估計", "估计", "預料", "预料")
# A cue inside these words is not speech (對購房者來說 "for buyers", 據說 "reportedly", 可以說 "one may say").
NOT_SPEECH = ("詢問", "询问", "提問", "提问", "訪問", "访问", "疑問", "疑问", "顧問", "顾问", "學問", "学问", "質問", "质问",
              "慰問", "慰问", "追問", "追问", "反問", "反问", "來說", "来说", "據說", "据说", "聽說", "听说", "可以說", "可以说", "應該說", "应该说", "就是說", "就是说",
              "比如說", "比如说", "換句話說", "换句话说", "所說", "所说", "總的來說", "总的来说", "一般來說", "一般来说",
              "不承認", "不承认", "點讚", "点赞", "點贊", "法說會", "法说会", "著稱", "著称", "堪稱", "堪称", "簡稱", "简称", "俗稱", "俗称", "統稱", "统称", "並稱", "并称", "合稱", "合称")
# Words before a cue that say the subject said nothing: a refusal or negation (拒絕透露, 沒有說明,
# 未有回應), or the passive (被問及, 被指: somebody else spoke).
UNSAID = ("拒絕", "拒绝", "不願", "不愿", "不肯", "沒有", "没有", "未有", "未", "沒", "没", "無法", "无法", "未能", "並未", "并未",
          "被", "遭")
# Words that make the cue after them a noun (各種暗示, 這些批評, 許多建議): no statement is reported.
NOUN_BEFORE_CUE = ("各種", "各种", "種種", "种种", "這些", "这些", "那些", "一些", "許多", "许多", "很多", "任何", "這種", "这种")
# Words no title contains: a "role" with one of them is a clause, not a title (這一條款對購房者來…).
NOT_IN_TITLES = set("對对是在了把被將将這这那向")
TITLE_WORDS_WITH_CLAUSE_CHARACTERS = ("反對", "反对", "在野", "對外", "对外", "在台", "在华", "在華")    # 反對黨領袖, 在野黨主席, 美國在台協會

# Words between the mention and the cue: not part of either span.
PARTICLES = ("進一步", "进一步", "進而", "进而", "對此", "对此", "同樣", "同样", "也", "則", "则", "還", "还", "亦", "更",
             "又", "並", "并", "昨", "再", "均", "都", "亦曾", "也曾")
# Sentence openers before the mention.
CONNECTORS = ("對此", "对此", "此外", "另外", "同時", "同时", "不過", "不过", "而", "但")
# Openers of a leading phrase that ends at the first comma (對於X的回應，他表示…).
PREFACE_PHRASES = ("對於", "对于", "關於", "关于", "針對", "针对", "談及", "谈及", "談到", "谈到", "就")
PREFACE_MAX = 30
PRONOUNS = {"他": "male", "她": "female"}
# Characters that mostly occur in women's given names: a weak signal, used only to choose between
# earlier speakers for 他/她 (the choice is warned about).
FEMALE_NAME_CHARACTERS = set("婷娟娜麗丽芳燕玲霞紅红梅琳瑩莹慧嫺娴雯蓉萍潔洁靜静妍媛姝嬌娇倩璐穎颖琪薇瑤瑶娥鳳凤蘭兰菊秀姍姗珊妮莉姿"
                             "姬婉媚嫣嬋婵娉婕妤嫻嬿婧妃嫦娣姣婭娅嫚")
# What may follow a name printed after a title (研究員李明持…, 教授王芳表示): punctuation or a word
# that starts the predicate.
NAME_BOUNDARY = set("，,。；;：:、「」“”（）() 表說说指稱称認认持是在也則则曾就對对向於于的和與与等又亦還还更並并透強强坦回直提談谈")
# Unnamed or collective sources (有消息稱, 市場普遍認為, 外界認為): reported, but nobody speaks.
UNNAMED_SOURCES = ("消息", "報道", "报道", "報導", "报导", "傳聞", "传闻", "有人", "人士", "業內", "业内", "業界", "业界",
                   "市場", "市场", "外界", "普遍", "觀點", "观点", "分析", "輿論", "舆论", "網友", "网友")

# A mention ending in one of these is an organization speaking (京東方面 -> 京東).
ORG_MENTION_SUFFIXES = ("新聞發言人", "新闻发言人", "負責主管", "负责主管", "工作人員", "工作人员", "執法人員", "执法人员", "客服人員", "客服人员", "客服",
                        "相關負責人", "相关负责人", "負責人", "负责人", "發言人", "发言人", "方面", "官方",
                        "相關人士", "相关人士", "有關人士", "有关人士",
                        # an organization's own account speaks for it (某局官方微博發文稱)
                        "官方微博", "官方微信", "官方帳號", "官方账号", "官方網站", "官方网站", "官方臉書", "官方脸书", "官微", "官網", "官网")
# What stands between an organization and its 負責人 without naming it (市場監管總局有關司局負責人).
UNNAMED_UNIT = re.compile(r"(?:有關|有关|相關|相关)(?:司局|部門|部门|處室|处室|科室|單位|单位)?$")
# Names that are organizations by their ending (a company, a report).
ORG_NAME_SUFFIXES = (
    "研究中心", "中心", "商學院", "商学院", "學院", "学院", "大學", "大学", "研究院", "研究所", "公司",
    "集團", "集团", "科技", "銀行", "银行", "協會", "协会", "委員會", "委员会", "事務所", "事务所",
    "基金會", "基金会", "證券", "证券", "資本", "资本", "報告", "报告", "平臺", "平台", "系",
)
# Titles that end a role printed before a name (…研究員趙某 -> role …研究員, name 趙某). A role may
# also be an organization alone (清華大學張某), so ORG_NAME_SUFFIXES end roles too.
TITLE_SUFFIXES = (
    "首席經濟學家", "首席经济学家", "學家", "学家", "企業家", "企业家", "金融家", "作家", "慈善家", "研究員", "研究员", "專家", "专家", "投資人", "投资人",
    "分析師", "分析师", "董事長", "董事长", "創始人", "创始人", "創辦人", "创办人", "合夥人", "合伙人",
    "秘書長", "秘书长", "負責人", "负责人", "發言人", "发言人", "主任", "院長", "院长", "所長", "所长", "會長", "会长",
    "教授", "律師", "律师", "總監", "总监", "經理", "经理", "總裁", "总裁", "主席", "主編", "主编", "編輯", "编辑",
    "學者", "学者", "博士", "顧問", "顾问", "理事", "董事", "講師", "讲师", "部長", "部长",
    "消費者", "消费者", "市民", "旅客", "乘客", "家長", "家长", "司機", "司机", "居民", "車主", "车主", "店主", "商戶", "商户",
    "用戶", "用户", "患者", "讀者", "读者", "學生", "学生", "員工", "员工", "網友", "网友", "評論員", "评论员", "委員", "委员", "員", "员", "研究者", "觀察人士", "观察人士", "業內人士", "业内人士", "從業者", "从业者", "創業者", "创业者",
    "CEO", "CFO", "CTO", "COO",
    # titles of news copy (government, companies, courts, sport)
    "總統", "总统", "總理", "总理", "首相", "外長", "外长", "國務卿", "国务卿", "大使", "執行長", "执行长", "行政總裁",
    "行政总裁", "首席執行官", "首席执行官", "局長", "局长", "司長", "司长", "署長", "署长", "處長", "处长", "立委",
    "市長", "市长", "縣長", "县长", "省長", "省长", "州長", "州长", "書記", "书记", "主委", "次長", "次长", "行長", "行长",
    "總幹事", "总干事", "校長", "校长", "法官", "檢察官", "检察官", "醫生", "医生", "教練", "教练", "隊長", "队长", "中鋒", "中锋", "前鋒", "前锋", "後衛", "后卫", "控衛", "控卫", "投手", "捕手", "球星", "門將", "门将", "守門員", "守门员", "代表",
    "特首", "行政長官", "行政长官", "議長", "议长", "社長", "社长", "團長", "团长", "發起人", "发起人", "監事", "监事",
    "幹事", "干事", "秘書", "秘书", "拿督斯里", "拿督", "丹斯里",
    "督察", "警司", "警長", "警长", "警監", "警监", "警政署長", "廳長", "厅长", "館長", "馆长", "鎮長", "镇长", "鄉長", "乡长",
    "庭長", "庭长", "檢察長", "检察长", "機長", "机长", "船長", "船长", "校董", "副總", "副总",
    "主帥", "主帅", "教頭", "教头", "領隊", "领队", "幕僚長", "幕僚长", "長官", "长官",
    "總管", "总管", "主管", "經濟學家", "经济学家", "科學家", "科学家", "學家", "学家", "法官", "警官", "外交官", "醫師", "医师", "工程師", "工程师", "會計師", "会计师", "設計師", "设计师",
    "廚師", "厨师", "導師", "导师", "教師", "教师", "老師", "老师", "站長", "站长", "科長", "科长", "組長", "组长", "村長", "村长",
    "區長", "区长", "首長", "首长", "廠長", "厂长", "理事長", "理事长", "委員長", "委员长", "總長", "总长",
    # ministers, officers and ranks of foreign and military news
    "大臣", "國務委員", "国务委员", "參謀長", "参谋长", "司令", "指揮官", "指挥官", "將軍", "将军", "上將", "上将", "中將", "中将",
    "少將", "少将", "上校", "中校", "少校", "上尉", "中尉", "少尉", "士兵", "軍官", "军官",
    "師", "师",     # any master of a trade (總飛行師, 精算師), as 員 ends any member
    # relatives (死者母親某某, 一位士兵的母親某某)
    "母親", "母亲", "父親", "父亲", "妻子", "丈夫", "兒子", "儿子", "女兒", "女儿", "家屬", "家属", "親屬", "亲属",
    # people of the media and the arts
    "領袖", "领袖", "總召", "总召", "召集人", "黨鞭", "党鞭", "幹事長", "干事长",
    "名嘴", "主持人", "主播", "評論家", "评论家", "作家", "藝人", "艺人", "歌手", "演員", "演员", "導演", "导演", "球員", "球员",
)
# Malaysian honorifics printed after a title, before the name (首相拿督斯里安華): the title is 首相.
HONORIFIC_TITLES = ("拿督斯里", "丹斯里", "拿督", "敦")
# Titles that stand for another title printed with the name (特首 for 行政長官林鄭月娥).
TITLE_SYNONYMS = {
    "特首": ("行政長官", "行政长官"),
    "閣揆": ("行政院長", "行政院院長"),
    "阁揆": ("行政院长", "行政院院长"),
}
# Honorifics printed after a name (李某教授表示).
HONORIFICS_AFTER_NAME = ("教授", "律師", "律师", "博士", "院士", "先生", "女士", "老師", "老师")
# After a titled name as well (Singapore copy: 部長某某醫生).
HONORIFICS_AFTER_TITLED_NAME = HONORIFICS_AFTER_NAME + ("醫生", "医生")
# Titles printed after a full name in formal copy (賴清德總統, 卓榮泰院長).
TITLES_AFTER_NAME = ("副總統", "副总统", "總統", "总统", "院長", "院长", "部長", "部长", "主委", "市長", "市长", "縣長", "县长",
                     "議長", "议长", "主席", "立委", "議員", "议员", "局長", "局长", "署長", "署长", "司長", "司长", "處長", "处长",
                     "校長", "校长", "董事長", "董事长", "總裁", "总裁", "執行長", "执行长", "總理", "总理", "首相", "大使")

# A surname followed by one of these continues a person introduced earlier (李教授, 王女士).
FORMS_OF_ADDRESS = ("先生", "女士", "小姐", "教授", "律師", "律师", "博士", "院士", "老師", "老师", "院長", "院长", "主任",
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
    "傅伏池冼甄敖閔闵佟姬桑習习郁雍闕阙甯苑鄺邝練练朴禹"
)
COMPOUND_SURNAMES = ("歐陽", "欧阳", "司馬", "司马", "上官", "諸葛", "诸葛", "東方", "东方", "皇甫", "尉遲", "尉迟", "司徒", "令狐", "慕容")
# Surnames whose reading differs from the character's common reading.
SURNAME_READINGS = {"曾": "zeng", "單": "shan", "单": "shan", "解": "xie", "仇": "qiu", "樂": "yue", "乐": "yue",
                    "區": "ou", "区": "ou", "查": "zha", "繆": "miao", "缪": "miao", "朴": "piao", "覃": "qin", "蓋": "ge", "盖": "ge"}


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
# A caption: a line that ends with the picture's credit, （圖：新華網）, (資料圖片). It describes a
# picture; what it says a person said is told again in the story, so it holds no statement.
CAPTION_END = re.compile(r"[（(](?:(?:資料|资料|檔案|档案)?(?:圖片|图片|圖|图|相片|照片|照|攝影|摄影|攝|摄)(?:來源|来源)?(?:[：:／/][^（）()]{1,20})?"
                         r"|路透|路透社|彭博|彭博社|法新社|美聯社|美联社|歐新社|欧新社|美聯|美联|翻攝|翻摄)[）)]$")
# A picture's credit is also a wire agency alone, (路透): photographs carry it, paragraphs of copy do not.
# A line that names the picture's source (圖片來源：…, 資料圖片。) is a caption wherever the words stand.
CAPTION_SOURCE = re.compile(r"(?:圖片來源|图片来源|圖片提供|图片提供|資料圖片|资料图片)[：:。]")
_CN_NUM = "一二三四五六七八九十百零〇"
HEADINGS = (
    re.compile(r"^(?P<label>(?P<num>\d{1,3})[.．、])\s*(?P<title>[^\s].*)$"),
    re.compile(rf"^(?P<label>(?P<num>[{_CN_NUM}]{{1,3}})、)\s*(?P<title>[^\s].*)$"),
    re.compile(rf"^(?P<label>[（(](?P<num>[{_CN_NUM}]{{1,3}}|\d{{1,3}})[）)])\s*(?P<title>[^\s].*)$"),
    re.compile(rf"^(?P<label>【(?:觀點|观点|第)?(?P<num>[{_CN_NUM}]{{1,3}}|\d{{1,3}})(?:部分)?】)\s*(?P<title>.*)$"),
    re.compile(rf"^(?P<label>(?:觀點|观点)(?P<num>[{_CN_NUM}]{{1,3}}|\d{{1,3}})[:：])\s*(?P<title>[^\s].*)$"),
)
HEADING_MAX_CHARS = 40

# Platform and site notices: (pattern at line start, language, where the platform's name is
# printed). The name is found by blocks.enclosed, a scan rather than one regex: a pattern such as
# [“"「]([^”"」]+)[”"」] backtracks over the rest of the line from every opening quote that is
# never closed, so one long line would take quadratic time. A place is (lead, stop, tail): the
# name is the first run of one or more characters right after `lead` up to the first `stop`
# character, which must begin `tail`.
_QUOTE_OPEN = re.compile(r"[“\"「]")
_QUOTE_CLOSE = re.compile(r"[”\"」]")
NOTICES = (
    (re.compile(r"^(?:特別聲明|特别声明)[:：]"), "zh", (re.compile(r"平[臺台][“\"「]"), _QUOTE_CLOSE, "")),
    (re.compile(r"^(?:免責聲明|免责声明|版權聲明|版权声明|聲明|声明)[:：]"), "zh", (_QUOTE_OPEN, _QUOTE_CLOSE, "")),
    (re.compile(r"^本文.{0,24}(?:觀點|观点).{0,24}(?:立場|立场|無關|无关)"), "zh", (_QUOTE_OPEN, _QUOTE_CLOSE, "")),
    (re.compile(r"^Notice: The content above"), "en", (re.compile(r"a user of "), re.compile(","), ", which")),
    (re.compile(r"^(?:Disclaimer|Notice):"), "en", (re.compile(r"a user of "), re.compile(","), ", which")),
)

# --- Material between a speaker and the cue (cue_search.py) -------------------------------
# Time words: 昨日, 今天, 24日, 12月1日, 週一, 當地時間, 上午 ... ; kept short and anchored, so
# matching them is linear.
TIME_WORD = re.compile(
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|[今昨本]?[（(]\d{1,2}[）)]日|[今昨]?[（(]\d{1,2}日[）)]|\d{1,2}:\d{2}(?::\d{2})?|date|當地時間|当地时间|北京時間|北京时间|本地時間|"
    r"本月|上月|下月|今年|去年|明年|本年|當時|当时|那時|那时|昨日|昨天|昨晚|昨早|今日|今天|今晨|今早|今晚|前日|前天|日前|近日|近期|早前|早先|稍早|較早前|较早前|早些時候|早些时候|"
    r"同日|同天|當日|当日|當天|当天|當晚|当晚|明天|明日|明晚|隨後|随后|其後|其后|此前|之前|先前|最近|目前|其間|其间|期間|期间|"
    r"(?:本|上|下|這|这|上個|上个)?(?:週|周|星期|禮拜|礼拜)[一二三四五六日天末]|本週|本周|上週|上周|"
    r"(?:(?:\d{2,4}年)?(?:\d{1,2}月)?\d{1,2}日|(?:[一二三四五六七八九十]{1,3}月)?[一二三四五六七八九十廿卅]{1,3}日)(?:晚上|晚間|晚间|早上|上午|下午|晚|早|夜)?|"
    r"(?:\d{1,2}[:：]\d{2})|\d{1,2}[時时點点](?:\d{1,2}分|半)?|上午|下午|晚上|晚間|晚间|凌晨|早上|中午|傍晚|深夜|昨|今)"
)
# A document that speaks for the organization that published it (中物聯發布的報告稱 -> 中物聯,
# 民建聯的新聞稿批評 -> 民建聯), also when cited (他引述世界銀行上週出爐的報告說 -> 世界銀行).
REPORT_BY = re.compile(
    r"^(?:他|她)?(?:引述|援引|引用|根據|根据)?(?P<org>[^的]+?)(?:" + TIME_WORD.pattern + r")?"
    r"(?:用|以|通過|通过|透過|透过|於|于|在)?(?:發布|发布|發佈|公布|公佈|出爐|出炉|發表|发表|發出|发出)?(?:最新)?(?:的(?:最新)?(?:報告|报告|白皮書|白皮书|數據|数据)|的?(?:最新)?"
    r"(?:公告|聲明|声明|新聞稿|新闻稿|公開信|公开信|通報|通报|文告|通告|報告|报告|判決書|判决书|判詞|判词|裁決書|裁决书|警情通報|警情通报))$")
# A parenthesis after a name or a date: （12月1日）, (Elon Musk), （右）.
PAREN = re.compile(r"[（(](?:[^（）()，,。]{1,24}|[A-Za-z][A-Za-z .'\-&]{1,60})[）)]")    # a date, a note, an English name
# Adverbs and manner between speaker and cue: 又, 亦, 則, 嚴肅地, 進一步, 也曾 ...
ADVERB = re.compile(
    r"(?:迅速|簡短|简短|鄭重|郑重|普遍|一致|紛紛|纷纷|大多|大都|再度|再一次|嚴正|严正|強烈|强烈|嚴厲|严厉|堅決|坚决|正式|高度|進一步|进一步|隨即|随即|當即|当即|立即|一再|再次|多次|早已|已經|已经|一直|亦曾|也曾|曾經|曾经|同樣|同样|"
    r"公開|公开|直接|明確|明确|首先|最後|最后|接著|接着|繼續|继续|另外|另|此外|其中|特別|特别|更是|則是|则是|"
    r"(?:進行|进行|作出|做出)了|予以|火速|如此|這麼|这么|這樣|这样|本人|單獨|单独|一度|分別|分别|先後|先后|相繼|相继|一同|共同|聯合|联合|當場|当场|親自|亲自|僅|仅|只|"
    r"亦|也|又|則|则|還|还|更|再|曾|均|都|皆|就|便|即|並|并|而|卻|却|仍|先|后|後|"
    r"[\u4e00-\u9fff]{1,3}地)"
)
# Manner of four characters (情緒激動地, 斬釘截鐵地): after a speaker only, since a two-character
# name and a two-character adverb (某某坦誠地) read the same.
MANNER_AFTER_SPEAKER = re.compile(r"[\u4e00-\u9fff]{4}地")
# Openers of a phrase that runs up to the cue: place, occasion, addressee, channel, topic
# (在記者會上, 接受…專訪時, 出席…時, 向記者, 對此事, 就此, 透過聲明, 在微博發文).
ADJUNCT_OPENERS = (
    "在", "於", "于", "向", "對", "对", "就", "透過", "透过", "通過", "通过", "經過", "经过", "經由", "经由", "藉", "借", "從", "从", "跟", "與",
    "与", "同", "替", "代表", "接受", "出席", "參加", "参加", "主持", "會見", "会见", "會晤", "会晤", "視察", "视察",
    "到訪", "到访", "訪問", "访问", "回覆", "回复", "查詢", "查询", "為", "为", "出訪", "出访", "回應", "回应", "答覆", "答复", "被問及", "被问及", "被問到", "被问到",
    "問及", "问及", "談及", "谈及", "致辭", "致辞", "發言", "发言", "演講", "演讲", "發文", "发文", "發帖", "发帖",
    "質詢", "质询", "答詢", "答询", "應詢", "应询", "接見", "接见", "拜會", "拜会", "巡視", "巡视", "考察", "參觀", "参观",
    "撰文", "留言", "發表", "发表", "發布", "发布", "發佈", "發出", "发出", "召開", "召开", "舉行", "举行", "會後", "会后", "受訪", "受访", "見記者", "见记者",
    "見傳媒", "见传媒", "舉例", "举例", "引述", "致函", "去信", "致信", "會見傳媒", "会见传媒", "今年", "去年", "日前在",
    # learning of something, then the cue (得知…後回應稱, 獲悉此事後表示)
    "得知", "獲悉", "获悉", "聽聞", "听闻", "收到", "受詢", "受询", "受問", "受问",
    # the topic or occasion of the statement (針對此課題表示, 配合中秋節到訪時指出)
    "針對", "针对", "關於", "关于", "配合",
)
ADJUNCT_MAX = 40

# Sentence openers skipped before a speaker found from the cue (與此同時，此前，然而，至於…).
CLAUSE_OPENERS = ("與此同時", "与此同时", "另一方面", "此外", "另外", "同時", "同时", "不過", "不过", "然而", "但是",
                  "此前", "其後", "其后", "隨後", "随后", "至於", "至于", "對此", "对此", "其中", "而", "但", "並", "并",
                  "另", "惟", "唯", "我國", "我国", "因為", "因为", "由於", "由于", "如果", "雖然", "虽然", "儘管", "尽管", "即使", "既然", "反倒是", "反而是", "反而", "倒是", "因此", "所以", "最後", "最后", "首先", "其次", "再者", "當中", "当中")
# A clause of time that opens a clause before its subject (在接受媒體採訪時某某表示); 時 not the
# start of another word (時間, 時代, 時期).
TIME_CLAUSE = re.compile(r"(?:在|當|当)[^，,。；;：:「」“”]{2,20}?(?:時|时|之際|之际)(?![間间代期候刻段尚事局任報报光效機机針针速常])")
# A news agency's dateline before the first sentence (中新社東京4月12日電 , 某社北京9月18日電/).
AGENCY_DATELINE = re.compile(r"[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日(?:電|电)[/／ ]?")
# Surname-and-title forms of Hong Kong and Taiwan copy (陳局長, 林太) besides FORMS_OF_ADDRESS.
# Titles of Japanese government (a four-character name after them is a Japanese name).
JAPANESE_TITLES = ("大臣", "知事", "官房長官", "官房长官")
NEWS_ADDRESSES = ("局長", "局长", "司長", "司长", "署長", "署长", "處長", "处长", "主席", "議員", "议员", "總裁", "总裁",
                  "董事長", "董事长", "市長", "市长", "部長", "部长", "院長", "院长", "委員", "委员", "大使", "官", "太", "姓")

# Organizations by their ending: government bodies, companies, media (broader than ORG_NAME_SUFFIXES,
# used only for a speaker found from the cue).
NEWS_ORG_SUFFIXES = (
    "政府", "警方", "港府", "法院", "法庭", "議會", "议会", "國會", "国会", "辦公室", "办公室", "辦", "办",
    "部", "局", "署", "處", "处", "廳", "厅", "委", "院", "府", "宮", "宫", "黨", "党", "隊", "队", "軍", "军",
    # 會 alone is also the modal 'will' (稅改會向大家宣佈): only the words for a body end a name
    "學會", "学会", "商會", "商会", "工會", "工会", "委會", "委会", "總會", "总会", "聯會", "联会", "公會", "公会",
    "教會", "教会", "分會", "分会", "大會", "大会", "事會", "事会", "員會", "员会", "金會", "金会", "法會", "法会",
    "字會", "字会", "合會", "合会", "館", "馆", "監會", "监会", "管會", "管会", "交所",
    "組織", "组织", "聯盟", "联盟", "機構", "机构", "控股", "集團", "集团", "公司", "銀行", "银行", "汽車", "汽车", "航空",
    "電訊", "电讯", "電信", "电信", "電台", "电台", "電視台", "电视台", "通訊社", "通讯社", "社", "報", "报", "網", "网",
    "聯", "联", "交易所", "保險", "保险", "能源", "電子", "电子", "電力", "电力", "地產", "地产", "置業", "置业", "鐵路", "铁路",
    "基金", "中心", "醫院", "医院", "大學", "大学", "學院", "学院", "研究所", "海關", "海关", "科技", "證券", "证券",
    "資本", "资本", "協會", "协会", "平台", "平臺", "事務所", "事务所", "股份",
    # departments named …司 (律政司, 財政司, 政務司: 司 alone also ends 上司, 官司), stations, the police
    "政司", "務司", "务司", "監督站", "监督站", "航空站", "氣象站", "气象站", "工作站", "公安",
    # Japanese ministries (外務省, 防衛省, 經濟產業省) and the Korean president's office
    "務省", "务省", "衛省", "卫省", "業省", "业省", "動省", "动省", "學省", "学省", "通省", "產省", "产省", "境省",
    "總統室", "总统室",
    # kinds of company (灵康藥業, 大西洋飲料, 蛙蛙文創)
    "藥業", "药业", "製藥", "制药", "醫藥", "医药", "食品", "飲料", "饮料", "實業", "实业", "傳媒", "传媒", "文創", "文创",
    "電器", "电器", "物流", "物業", "物业", "航運", "航运", "礦業", "矿业", "化工", "半導體", "半导体",
)
# 發言人 alone before a cue: the spokesperson of the body that spoke before (an anaphor).
SPOKESPERSON = "發言人"
SPOKESPERSON_ALONE = ("發言人", "发言人", "新聞發言人", "新闻发言人", "其發言人", "其发言人")
# Bodies named by a word that is also an ending (警方 alone is the police speaking).
BODIES_BY_ONE_WORD = ("警方", "港府", "澳府", "特區政府", "特区政府")
# News media: a speaker of these endings is a medium (speaker_type media), never a named speaker.
MEDIA_SUFFIXES = ("通訊社", "通讯社", "新聞社", "新闻社", "電視台", "电视台", "電台", "电台", "日報", "日报", "時報", "时报",
                  "早報", "早报", "晚報", "晚报", "郵報", "邮报", "週刊", "周刊", "雜誌", "杂志", "新聞網", "新闻网", "媒體", "媒体",
                  "新聞", "新闻",
                  "社", "報", "报")
# What only a medium does: an organization that reports (X網12月9日報道) is a news medium.
MEDIA_CUES = ("報導", "報道", "报道", "报导")
MEDIA_NAMES = ("路透", "彭博", "美聯社", "美联社", "法新社", "新華社", "新华社", "中央社", "中新社", "BBC", "CNN", "Bloomberg",
               "Reuters", "AP", "AFP", "美國之音", "美国之音", "自由亞洲電台", "俄新社", "塔斯社", "共同社")
# Words that name no particular speaker: nobody is attributed a statement by these.
GENERIC_SUBJECTS = (
    "他們", "他们", "她們", "她们", "我們", "我们", "大家", "兩人", "两人", "二人", "雙方", "双方", "各方", "有人", "不少人", "眾人", "众人", "各人",
    "許多人", "许多人", "很多人", "民眾", "民众", "市民", "公眾", "公众", "網民", "网民", "官員", "官员", "議員", "议员",
    "專家", "专家", "學者", "学者", "分析", "分析師", "分析师", "研究", "報告", "报告", "調查", "调查", "數據", "数据",
    "文章", "文件", "聲明", "声明", "公告", "通告", "新聞稿", "新闻稿", "投訴", "投诉", "客戶", "客户", "記者", "记者", "本報", "本报", "外界", "業界",
    "业界", "業者", "业者", "消息", "人士", "法官", "警方消息", "這", "这", "那", "此", "其", "該", "该", "有關", "有关",
    "相關", "相关", "政府官員", "政府官员", "當局官員", "公司", "企業", "企业", "廠商", "厂商", "平台", "媒體", "媒体",
    "外媒", "官媒", "當局", "当局", "網友", "网友", "用戶", "用户", "消費者", "消费者", "家長", "家长", "學生", "学生", "居民", "病人",
    "各國", "各国", "兩國", "两国", "多國", "多国", "全國", "全国", "外國", "外国", "鄰國", "邻国", "大國", "大国",
    "盟國", "盟国", "友國", "友国", "成員國", "成员国", "這些國家", "这些国家",
    "患者", "主持人", "商家", "店家", "相關部門", "相关部门", "有關部門", "有关部门", "球迷", "接聽者", "接听者", "來電者", "来电者", "對方", "对方", "文告", "嘉賓", "嘉宾", "員工", "员工", "一般", "女子", "男子", "事主", "內容", "内容", "文中", "文案", "老師", "老师", "醫生", "医生", "法例", "法律", "條例", "条例", "政策", "計劃", "计划",
)
# Provenance: every attribution names the rule that found it (rule_id) and the rule that decided
# its speaker (speaker_rule). The ids are stable; the attributions schema lists them as enums.
RULES = {
    "sentence-start": "the statement opens its sentence: [connector] mention [particles] cue (the commentary genre's form)",
    "quote-first": "a quotation, then the mention and the cue that end the sentence (“……。”張三說。)",
    "cue-after-mention": "found from the cue: a mention, then adjuncts (time, place, occasion, addressee, manner), then the cue",
    "cue-after-topic": "found from a cue that opens its clause: the sure mention that opened an earlier clause of the sentence speaks",
    "cue-after-conjoined": "found from the cue: several subjects joined by 和/與/及/、, each a sure mention, all speak",
    "colon-after-name": "a name, then a colon (a headline's 'X：…')",
    "zai-x-kanlai": "在X看來，…: X's view",
    "ju-x-cue": "據X介紹/透露/稱，…: X's account",
}
SPEAKER_RULES = {
    "name": "a name as printed, never introduced with a title (warned when unsure)",
    "title-and-name": "a name after a printed title or organization (研究員趙某), a name known from such a mention, "
                      "or a title alone for the one person printed with it (特首：…, warned)",
    "surname-and-address": "a surname and a form of address (李教授): the earlier speaker of that surname",
    "surname-of-known-name": "a surname or the start of a name printed in full before (梁, 林鄭, 陳局長)",
    "pronoun": "他/她: the last person who spoke (gender is not checked)",
    "organization-ending": "an organization by its ending (…部, …局, …公司, X方面, X發言人) or known as one",
    "organization-position": "a word before a cue that names no person: taken for an organization (unsure, warned)",
    "organization-and-name": "a person's name right after their organization (民建聯陳某)",
    "foreign-name": "a transliterated or Latin-script foreign name (馬斯克, 萨姆·奥尔特曼)",
    "title-and-foreign-name": "a foreign name after a printed title (美國總統川普)",
    "anaphor": "該公司, 該局: the last organization of that kind that spoke",
    "unnamed-source": "a source that names nobody (業內人士, 有網友), kept as printed",
}

# Unnamed sources (業內人士, 有網友, 一位分析師, 消息人士): a statement whose source names nobody.
UNNAMED_SOURCE = re.compile(
    r"^(?:有|據|据)?(?:一位|一名|多位|多名|不少|部分|有些|一些|某些|許多|许多|大批|眾多|众多|多數|多数|個別|个别|相關|相关|"
    r"熟悉[^，,。]{1,10}的|接近[^，,。]{1,10}的|了解[^，,。]{1,10}的|知情的?)?"
    r"(?:業內|业内|業界|业界|行業|行业|市場|市场|政府|官方|內部|内部|消息|知情|接近[^，,。]{1,8}的|熟悉[^，,。]{1,8}的)?"
    r"(?:人士|網友|网友|網民|网民|專家|专家|學者|学者|分析師|分析师|分析人士|業者|业者|消息|消息人士|知情人士|知情者|"
    r"官員|官员|觀察家|观察家|觀察人士|观察人士|評論員|评论员|評論|评论|分析|報導|报道|报导|傳聞|传闻|外界|輿論|舆论|"
    r"市場|市场|業界|业界|業內|业内)$")
UNNAMED_MAX = 16
# A quantity and a noun (一名村民, 多位議員, 兩名乘客): somebody not named, never an organization.
QUANTIFIED = re.compile(r"^(?:有|據|据)?(?:\d+(?:家|名|位|個|个)|多個|多个|多家|數家|数家|幾家|几家|兩家|两家|一位|一名|一個|一个|兩位|两位|兩名|两名|多位|多名|數名|数名|幾名|几名|幾位|几位|部分|有些|一些|不少)"
                        r"[\u4e00-\u9fff]{1,6}$")

# Any quantity that opens a mention (兩條建議, 約七至八成受訪者, 3項措施): an amount of things or
# people, never a name (people counted with 名, 位, 家 are read by QUANTIFIED above).
QUANTITY = re.compile(r"^(?:約|约|近|逾|超過|超过|共)?(?:\d+|[一二三四五六七八九十兩两幾几數数多]+)(?:[\d百千萬万])*"
                      r"(?:至(?:\d+|[一二三四五六七八九十兩两]+))?(?:成|條|条|項|项|點|点|批|份|宗|則|则|間|间|所|種|种|款|起|次)")
# Characters of transliterated foreign names (馬斯克, 奧特曼, 普京); a name of them alone, or
# joined by a middle dot, is taken for a foreign person's name.
TRANSLIT = set(
    "阿埃艾愛爱奧奥澳巴拜班邦鮑鲍貝贝本比彼畢毕波伯博布查達达戴丹道德迪蒂丁杜多厄恩爾尔法菲費费芬佛弗福蓋盖甘戈格"
    "哥古圭哈海漢汉豪赫亨胡懷怀惠霍基吉加賈贾傑杰捷金卡凱凯坎康柯科克肯庫库奎昆拉萊莱賴赖蘭兰朗勞劳雷蕾黎里理利"
    "莉列林琳隆魯鲁路倫伦羅罗洛瑪玛馬马麥麦曼梅門门蒙米密敏摩莫墨默姆穆納纳內内尼妮紐纽努諾诺歐欧帕派潘佩珀皮"
    "普奇齊齐恰喬乔切欽钦瓊琼丘薩萨塞賽赛森沙莎舍聖圣施什史舒斯松蘇苏索塔泰坦湯汤唐特提圖图托瓦萬万威韋韦維维"
    "溫温沃烏乌伍西希錫锡席夏謝谢辛休雅亞亚揚扬耶伊因英尤約约扎澤泽詹茲兹祖佐川京登頓顿遜逊茨蓬連连夫娃娜絲丝"
    "麗丽蓮莲黛琪爾特斯朗普拜登澤倫奧巴馬安乔喬朱謝谢盖蓋蒂爱愛奈娜秘戈堡韓韩翰萊莱姬珊蘿萝得保凡盧卢申邁迈東东昔"
    "乐樂书書亭何修冈岡农農冯馮勒华華卫衛吕呂娅婭宏廉朔柏根桃桑楚歇汀洪济濟滕烈珍瑞瑟甫绍紹缪繆肖芭范葉叶蒲蕭萧让讓賀贺錦锦"
    "末占旺鄂札拿尚山龍龙"     # Malay and Indian names (莫哈末, 阿旺, 尚穆根, 諾希山), 馬克龍, 札克柏格
)
MIDDLE_DOTS = "·•‧・"
# A name's gloss in Latin letters in parentheses: 馬斯克（Elon Musk）.
LATIN_GLOSS = re.compile(r" ?[（(][A-Za-z][A-Za-z .'\-]{0,60}[）)]$")
# Characters of verb phrases, never of an organization read by its position (會考慮, 若遇上).
NOT_IN_ORGANIZATIONS = set("到當当若要會会將将可能應应該该再又也都就予以被把讓让給给向對对在於于從从已曾正想需得裡里時时後后前度考慮虑遇是了的不沒没如與与及還还很疑")

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
