"""The constructions of real news copy that the sentence-start rules missed (issue 9), each in
both scripts. The sentences are written for these tests (no third-party text); every expected
speaker was read off the sentence by hand: (line, name, speaker_type) for every statement.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from jd_wechat_commentary.build import parse
from jd_wechat_commentary.errors import Warnings
from jd_wechat_commentary.source import Curation, Source

CASES = {
    # material between the speaker and the cue: a date, an occasion, a channel, manner
    "date-and-occasion": (
        "立法會議員陳志明昨日在記者會上表示，政府應盡快公布方案。",
        "人大代表陈志明昨日在记者会上表示，政府应尽快公布方案。",
        [(1, "陳志明", "person")], [(1, "陈志明", "person")]),
    "interview-occasion": (
        "環保署署長林嘉慧接受本報專訪時坦言，回收率仍然偏低。",
        "环保局局长林嘉慧接受本报专访时坦言，回收率仍然偏低。",
        [(1, "林嘉慧", "person")], [(1, "林嘉慧", "person")]),
    "channel-and-manner": (
        "消委會總幹事黃慧玲週一（3月2日）透過聲明嚴肅地指出，商戶不應誤導顧客。",
        "消协秘书长黄慧玲周一（3月2日）通过声明严肃地指出，商户不应误导顾客。",
        [(1, "黃慧玲", "person")], [(1, "黄慧玲", "person")]),
    # reporting verbs beyond the commentary genre, the variant 説, the single-character 指
    "news-verbs": (
        "運輸署署長鄭家豪指，新路線下月開通。\n鄭家豪又否認票價會上調。\n航空公司發言人王雅婷証實，航班已恢復。\n王雅婷説，乘客可獲退款。",
        "交通局局长郑家豪指，新线路下月开通。\n郑家豪又否认票价会上调。\n航空公司发言人王雅婷证实，航班已恢复。\n王雅婷称，乘客可获退款。",
        [(1, "鄭家豪", "person"), (2, "鄭家豪", "person"), (4, "王雅婷", "person")],
        [(1, "郑家豪", "person"), (2, "郑家豪", "person"), (3, "王雅婷", "person"), (4, "王雅婷", "person")]),
    # the surname alone for a person named in full before, and 該公司 for a company named before
    "surname-and-anaphor": (
        "房屋局局長梁永健表示，公屋輪候時間會縮短。\n梁指，明年會再加建單位。\n星河地產回應稱，項目如期推進。\n該公司強調，已獲批准。",
        "住建局局长梁永健表示，公租房轮候时间会缩短。\n梁称，明年会再加建。\n星河地产回应称，项目如期推进。\n该公司强调，已获批准。",
        [(1, "梁永健", "person"), (2, "梁永健", "person"), (3, "星河地產", "organization"), (4, "星河地產", "organization")],
        [(1, "梁永健", "person"), (2, "梁永健", "person"), (3, "星河地产", "organization"), (4, "星河地产", "organization")]),
    # an addressee or topic phrase between the speaker and the cue is part of neither
    "addressee-and-topic": (
        "教育局局長何文傑向記者表示，學校會增聘人手。\n何文傑就此事亦曾對家長說，會盡快回覆。",
        "教育局局长何文杰向记者表示，学校会增聘人手。\n何文杰就此事亦曾对家长说，会尽快回复。",
        [(1, "何文傑", "person"), (2, "何文傑", "person")], [(1, "何文杰", "person"), (2, "何文杰", "person")]),
    # a statement that does not open its sentence
    "mid-sentence": (
        "與此同時，醫管局發言人李德明表示，急症室輪候時間延長。\n票價維持不變，至於新路線，巴士公司則指，仍在研究。",
        "与此同时，卫健委发言人李德明表示，急诊等候时间延长。\n票价维持不变，至于新线路，公交集团则指，仍在研究。",
        [(1, "李德明", "person"), (2, "巴士公司", "organization")], [(1, "李德明", "person"), (2, "公交集团", "organization")]),
    # source phrases: 在X看來 / 據X介紹
    "source-phrases": (
        "在經濟學家陳立信看來，利率仍會上升。\n據商會會長吳家樂介紹，會員人數增加了一成。",
        "在经济学家陈立信看来，利率仍会上升。\n据商会会长吴家乐介绍，会员人数增加了一成。",
        [(1, "陳立信", "person"), (2, "吳家樂", "person")], [(1, "陈立信", "person"), (2, "吴家乐", "person")]),
    # foreign names: transliteration, a middle dot, an English gloss in parentheses
    "foreign-names": (
        "電動車公司執行長馬斯克（Elon Musk）表示，新車型年底推出。\n英國首相約翰·史密斯週二警告，談判不會輕鬆。",
        "电动车公司首席执行官马斯克（Elon Musk）表示，新车型年底推出。\n英国首相约翰·史密斯周二警告，谈判不会轻松。",
        [(1, "馬斯克", "person"), (2, "約翰·史密斯", "person")], [(1, "马斯克", "person"), (2, "约翰·史密斯", "person")]),
    # organizations: a government body, an abbreviation, a spokesperson who is named
    "organizations": (
        "外交部發言人周文華在例行記者會上表示，雙方保持溝通。\n統計局週三公布，失業率回落。\n消委會呼籲，市民購物前應比較價格。",
        "外交部发言人周文华在例行记者会上表示，双方保持沟通。\n统计局周三公布，失业率回落。\n消保委呼吁，市民购物前应比较价格。",
        [(1, "周文華", "person"), (2, "統計局", "organization"), (3, "消委會", "organization")],
        [(1, "周文华", "person"), (2, "统计局", "organization"), (3, "消保委", "organization")]),
    # an occasion whose place starts with 人 (在人民…) is an adjunct, not a title like 發言人
    "occasion-starting-with-people": (
        "黨主席林志遠在人民大會上宣布，明年參選。",
        "党主席林志远在人民代表大会上宣布，明年参选。",
        [(1, "林志遠", "person")], [(1, "林志远", "person")]),
    # a date with its part of the day, an adverb of restriction, and 分別 after conjoined subjects
    "date-evening-and-adverbs": (
        "烏克蘭總統澤倫斯基23日晚警告，局勢將更艱難。\n經濟部僅表示，會再研究。\n東方民意研究所及南方輿情調查研究學會分別公布，多數市民支持方案。",
        "乌克兰总统泽连斯基23日晚警告，局势将更艰难。\n工业部仅表示，会再研究。\n东方民意研究所及南方舆情调查研究学会分别公布，多数市民支持方案。",
        [(1, "澤倫斯基", "person"), (2, "經濟部", "organization"), (3, "東方民意研究所", "organization"),
         (3, "南方輿情調查研究學會", "organization")],
        [(1, "泽连斯基", "person"), (2, "工业部", "organization"), (3, "东方民意研究所", "organization"),
         (3, "南方舆情调查研究学会", "organization")]),
    # 笑說 is one cue; a cue after 的 is a noun (的表態), no statement
    "laughing-and-noun-cues": (
        "董事長李國華笑說，自己並不健談。\n李國華這一強硬的表態，令股價下跌。",
        "董事长李国华笑说，自己并不健谈。\n李国华这一强硬的表态，令股价下跌。",
        [(1, "李國華", "person")], [(1, "李国华", "person")]),
    # a quantity and a noun, a news agency's short name, a title alone, 眾人: nobody named
    "nobody-named": (
        "一名村民告訴記者，路面已修好。\n路透報導，工廠停產。\n英國外交大臣宣稱，會派艦隊。\n眾人都笑言，活動很成功。",
        "一名村民告诉记者，路面已修好。\n路透报道，工厂停产。\n英国外交大臣宣称，会派舰队。\n众人都笑言，活动很成功。",
        [(1, "一名村民", "unnamed"), (2, "路透", "media")], [(1, "一名村民", "unnamed"), (2, "路透", "media")]),
    # 據X報道 with a date between the medium and the cue; a medium known by name only
    "source-with-date": (
        "據中央通訊社3日報導，颱風將轉向。\n另據美國之音報導，談判暫停。",
        "据中央通讯社3日报道，台风将转向。\n另据美国之音报道，谈判暂停。",
        [(1, "中央通訊社", "media"), (2, "美國之音", "media")], [(1, "中央通讯社", "media"), (2, "美国之音", "media")]),
    # 據X報道 with a medium of any name, 據X透露 with nobody named: neither keeps the 據
    "source-phrase-medium-and-unnamed": (
        "據東方新聞報道，會議明天舉行。\n據消息人士透露，談判將延期。",
        "据东方新闻报道，会议明天举行。\n据消息人士透露，谈判将延期。",
        [(1, "東方新聞", "media"), (2, "消息人士", "unnamed")], [(1, "东方新闻", "media"), (2, "消息人士", "unnamed")]),
    # the last part of a foreign name printed in full before is the same person
    "foreign-surname": (
        "州長安娜·沃爾科娃週一表示，局勢極其困難。\n沃爾科娃說，仍有平民受困。",
        "州长安娜·沃尔科娃周一表示，局势极其困难。\n沃尔科娃说，仍有平民受困。",
        [(1, "安娜·沃爾科娃", "person"), (2, "安娜·沃爾科娃", "person")],
        [(1, "安娜·沃尔科娃", "person"), (2, "安娜·沃尔科娃", "person")]),
    # a quotation that began in an earlier paragraph closes, then its speaker; a gloss after a space
    "quote-closing-from-before-and-spaced-gloss": (
        "「工程會如期完成。\n計劃不會延誤。」發展局局長黃偉明表示，工程下月展開。\n電動車公司總裁馬斯克 (Elon Musk) 在接受訪問時表示，新廠明年投產。",
        "“工程会如期完成。\n计划不会延误。”发改委主任黄伟明表示，工程下月展开。\n电动车公司总裁马斯克 (Elon Musk) 在接受访问时表示，新厂明年投产。",
        [(2, "黃偉明", "person"), (3, "馬斯克", "person")], [(2, "黄伟明", "person"), (3, "马斯克", "person")]),
    # 讚美 (to praise) reports no statement of the one who praises
    "praise-is-no-cue": (
        "主編卡拉夫指，總裁史密斯向來極力讚美政府。",
        "主编卡拉夫指，总裁史密斯向来极力赞美政府。",
        [(1, "卡拉夫", "person")], [(1, "卡拉夫", "person")]),
    # the modal 會 (will) ends no organization; a surname-like character before 大家 is no name
    "modal-is-no-organization": (
        "運輸署表示，明天票價會向大家公布。\n環保署稱，稅改會向市民宣佈詳情。",
        "交通局表示，明天票价会向大家公布。\n环保局称，税改会向市民宣布详情。",
        [(1, "運輸署", "organization"), (2, "環保署", "organization")],
        [(1, "交通局", "organization"), (2, "环保局", "organization")]),
    # a title that ends in transliteration characters (拿督斯里) names nobody: no speaker is made of its end
    "title-ending-like-a-name": (
        "（吉隆坡5日訊）首相拿督斯里批評反對黨，並澄清言論被曲解。\n他表示，會繼續推動改革。",
        "（吉隆坡5日讯）首相拿督斯里批评反对党，并澄清言论被曲解。\n他表示，会继续推动改革。",
        [], []),
    # a title alone (a headline's 特首：, 副總理：) names the one person printed with it; the small colon ﹕
    "title-alone": (
        "加稅方案惹爭議 特首：會聆聽意見\n行政長官陳家明今日表示，政府會再研究。\n陳﹕會盡快回覆。",
        "拟加税引争议 副总理：会听取意见\n副总理兼财政部长林国荣今日表示，政府会再研究。\n林﹕会尽快回复。",
        [(1, "陳家明", "person"), (2, "陳家明", "person"), (3, "陳家明", "person")],
        [(1, "林国荣", "person"), (2, "林国荣", "person"), (3, "林国荣", "person")]),
    # a Malaysian honorific between title and name (首相拿督斯里某某): the title alone names that person;
    # 反對黨 is a party, not a clause with 對
    "honorific-after-title": (
        "首相：不會提高稅率\n（吉隆坡22日訊）首相拿督斯里安東尼今日表示，政府不會加稅。\n反對黨領袖哈姆扎批評，政策缺乏方向。",
        "首相：不会提高税率\n（吉隆坡22日讯）首相拿督斯里安东尼今日表示，政府不会加税。\n反对党领袖哈姆扎批评，政策缺乏方向。",
        [(1, "安東尼", "person"), (2, "安東尼", "person"), (3, "哈姆扎", "person")],
        [(1, "安东尼", "person"), (2, "安东尼", "person"), (3, "哈姆扎", "person")]),
    # 該局長 / 這位局長 name the person printed with the title; 局方 and 該局 the bureau in a speaker's role
    "title-and-organization-anaphors": (
        "運輸局局長林世明今日表示，會檢討票價。\n該局長又指，新線路下月開通。\n這位局長強調，不會加價。\n局方發言人稱，已收到投訴。\n該局表示，會跟進。",
        "交通局局长林世明今日表示，会检讨票价。\n该局长又指，新线路下月开通。\n这位局长强调，不会加价。\n局方发言人称，已收到投诉。\n该局表示，会跟进。",
        [(1, "林世明", "person"), (2, "林世明", "person"), (3, "林世明", "person"), (4, "運輸局", "organization"),
         (5, "運輸局", "organization")],
        [(1, "林世明", "person"), (2, "林世明", "person"), (3, "林世明", "person"), (4, "交通局", "organization"),
         (5, "交通局", "organization")]),
    # a title that two people carry names neither
    "title-alone-of-two": (
        "局長：會再檢討\n運輸局局長李大文表示，票價不變。\n房屋局局長張小明表示，公屋會加建。",
        "局长：会再检讨\n交通局局长李大文表示，票价不变。\n住建局局长张小明表示，公租房会加建。",
        [(2, "李大文", "person"), (3, "張小明", "person")], [(2, "李大文", "person"), (3, "张小明", "person")]),
    # a press conference's list of titled names, one clause each, then the cue: all of them speak
    "listed-speakers": (
        "記者會上，運輸署署長李家明，保險業監管局首席精算師王大偉，環保專班副組長、環保署助理署長張國強介紹最新情況。",
        "发布会上，交通局局长李家明，保险监管局首席精算师王大伟，环保专班副组长、生态环境局副局长张国强介绍最新情况。",
        [(1, "李家明", "person"), (1, "王大偉", "person"), (1, "張國強", "person")],
        [(1, "李家明", "person"), (1, "王大伟", "person"), (1, "张国强", "person")]),
    # 院士 after a surname continues the academician named before; 著稱 (known for) is no cue
    "academician-and-known-for": (
        "中央研究院院士邢大明表示，研究已完成。\n「成果很重要，」邢院士說。\n星河集團向來以服務周到著稱。",
        "中国科学院院士邢大明表示，研究已完成。\n“成果很重要，”邢院士说。\n星河集团向来以服务周到著称。",
        [(1, "邢大明", "person"), (2, "邢大明", "person")], [(1, "邢大明", "person"), (2, "邢大明", "person")]),
    # a clause before a known name (將接棒) or a title-like ending after 在 (在美系) is no title
    "clause-is-no-title": (
        "副總理黃明遠表示，經濟會增長。\n總理李國強表示，會按計劃交接。\n黃明遠將接棒李國強 曾就兩岸關係表態\n"
        "面對外界關注，是否影響星河在美系關鍵客戶的市占，直言並不擔心。",
        "副总理黄明远表示，经济会增长。\n总理李国强表示，会按计划交接。\n黄明远将接棒李国强 曾就两岸关系表态\n"
        "面对外界关注，是否影响星河在美系关键客户的市占，直言并不担心。",
        [(1, "黃明遠", "person"), (2, "李國強", "person"), (3, "黃明遠", "person")],
        [(1, "黄明远", "person"), (2, "李国强", "person"), (3, "黄明远", "person")]),
    # inside a statement: a clause opened by its own verb has no speaker for a later cue, and a
    # weak cue (要求) without punctuation after it reports nothing; 評論員 is a title
    "inside-a-statement": (
        "議員梁美玲提到，公眾失望，認為政府應敦促鐵路公司減價。\n此外，總裁馬克在專訪中提及，北京當局要求他保證，不在當地銷售服務。\n"
        "時事評論員李志明表示，事件值得關注。",
        "议员梁美玲提到，公众失望，认为政府应敦促铁路公司减价。\n此外，总裁马克在专访中提及，北京当局要求他保证，不在当地销售服务。\n"
        "时事评论员李志明表示，事件值得关注。",
        [(1, "梁美玲", "person"), (2, "馬克", "person"), (3, "李志明", "person")],
        [(1, "梁美玲", "person"), (2, "马克", "person"), (3, "李志明", "person")]),
    # the topic of a later cue is no object of 會見; 市民 before a surname-like word introduces nobody
    "objects-are-no-speakers": (
        "電動車公司總裁馬克這次訪問，週二抵達北京，首先會見外交部長秦立明，強調合作的重要性。\n"
        "消委會總幹事黃鳳儀表示，題目受市民關注。她稱，測試結果很受歡迎。",
        "电动车公司总裁马克这次访问，周二抵达北京，首先会见外交部长秦立明，强调合作的重要性。\n"
        "消协秘书长黄凤仪表示，题目受市民关注。她称，测试结果很受欢迎。",
        [(1, "馬克", "person"), (2, "黃鳳儀", "person")], [(1, "马克", "person"), (2, "黄凤仪", "person")]),
    # an organization that reports is a news medium, whatever its name ends in
    "reporting-organization-is-a-medium": (
        "環球資訊網12月9日報道，新總理強調，經濟仍會增長。\n據東方時事網報導，會談延期。",
        "环球资讯网12月9日报道，新总理强调，经济仍会增长。\n据东方时事网报道，会谈延期。",
        [(1, "環球資訊網", "media"), (2, "東方時事網", "media")], [(1, "环球资讯网", "media"), (2, "东方时事网", "media")]),
    # a document speaks for its organization: a press release, a report cited with its date
    "document-for-its-organization": (
        "工聯會的新聞稿批評，巴士公司未有與市民共度時艱。\n財政司司長陳國明認為，經濟會放緩。他引述國際貨幣基金上週發表的報告說，全球增長會減慢。",
        "工会联合会的新闻稿批评，公交公司未有与市民共渡难关。\n财政部部长陈国明认为，经济会放缓。他引述国际货币基金上周发表的报告说，全球增长会减慢。",
        [(1, "工聯會", "organization"), (2, "國際貨幣基金", "organization"), (2, "陳國明", "person")],
        [(1, "工会联合会", "organization"), (2, "国际货币基金", "organization"), (2, "陈国明", "person")]),
    # a cue inside a word (法說會, an earnings call) reports nothing; 名嘴 is a title
    "cue-inside-a-word-and-pundit": (
        "星河電子15日召開法說會，面對外界關注，魏家明回應乾脆，直言不擔心。\n名嘴陳大文29日在節目中談及此事，表示政策很好。",
        "星河电子15日召开法说会，面对外界关注，魏家明回应干脆，直言不担心。\n名嘴陈大文29日在节目中谈及此事，表示政策很好。",
        [(1, "魏家明", "person"), (2, "陳大文", "person")], [(1, "魏家明", "person"), (2, "陈大文", "person")]),
    # two sentences glued by the page's extraction: the titled name right before the cue speaks
    "glued-sentences": (
        "門診量增長了103%急診量增長了65%上海東區醫院發展中心主任王家興表示，醫院會增加人手。",
        "门诊量增长了103%急诊量增长了65%上海东区医院发展中心主任王家兴表示，医院会增加人手。",
        [(1, "王家興", "person")], [(1, "王家兴", "person")]),
    # a modifier ending in 的 before a titled name; a relative as a title; a Latin-script name
    "modifier-before-a-titled-name": (
        "出生在烏克蘭的中校安東·伊萬諾夫代表同袍說，任務很艱巨。\n一位陣亡士兵的母親Maria Petrova說，她要一個交代。",
        "出生在乌克兰的中校安东·伊万诺夫代表战友说，任务很艰巨。\n一位阵亡士兵的母亲Maria Petrova说，她要一个交代。",
        [(1, "安東·伊萬諾夫", "person"), (2, "Maria Petrova", "person")],
        [(1, "安东·伊万诺夫", "person"), (2, "Maria Petrova", "person")]),
    # transliteration characters that are also common Chinese ones (紹, 賀, 范, 洪)
    "transliterations-with-common-characters": (
        "國防部長紹爾科當天在理事會會議上表示，行動會繼續。\n總統范瑟洪週二宣布，將提前大選。",
        "国防部长绍尔科当天在理事会会议上表示，行动会继续。\n总统范瑟洪周二宣布，将提前大选。",
        [(1, "紹爾科", "person"), (2, "范瑟洪", "person")], [(1, "绍尔科", "person"), (2, "范瑟洪", "person")]),
    # a cue that opens its clause speaks for conjoined subjects of the clause before (one of them known)
    "topic-with-conjoined-subjects": (
        "香港海關表示，會加強查驗。\n香港海關與入境事務處針對走私案連番表達關注，強調會嚴厲執法。",
        "深圳海关表示，会加强查验。\n深圳海关与出入境管理局针对走私案连番表达关注，强调会严厉执法。",
        [(1, "香港海關", "organization"), (2, "入境事務處", "organization"), (2, "香港海關", "organization")],
        [(1, "深圳海关", "organization"), (2, "出入境管理局", "organization"), (2, "深圳海关", "organization")]),
    # headline verbs of one character after a titled name (籲, 嗆, 曝), promises and recollection
    "headline-verbs-and-promises": (
        "衛生署署長林文健籲市民接種疫苗\n前議員陳大文嗆政府推卸責任\n市長李明遠曝明年會加稅\n董事長王志強承諾，不會裁員。\n王志強回憶道：「那時很艱難。」",
        "卫健委主任林文健吁市民接种疫苗\n前议员陈大文呛政府推卸责任\n市长李明远曝明年会加税\n董事长王志强承诺，不会裁员。\n王志强回忆道：“那时很艰难。”",
        [(1, "林文健", "person"), (2, "陳大文", "person"), (3, "李明遠", "person"), (4, "王志強", "person"), (5, "王志強", "person")],
        [(1, "林文健", "person"), (2, "陈大文", "person"), (3, "李明远", "person"), (4, "王志强", "person"), (5, "王志强", "person")]),
    # a verb that starts with a cue (說服, 稱為) opens no statement at the start of a sentence either
    "verb-starting-with-a-cue": (
        "董事長王志強表示，方案可行。\n他說服了董事會接受方案。",
        "董事长王志强表示，方案可行。\n他说服了董事会接受方案。",
        [(1, "王志強", "person")], [(1, "王志强", "person")]),
    # a refusal or negation before the cue (拒絕透露, 沒有說明): nothing was said
    "refusals": (
        "董事長王志強表示，會再研究。\n他拒絕透露細節。\n局長陳大文未有回應，只表示會跟進。",
        "董事长王志强表示，会再研究。\n他拒绝透露细节。\n局长陈大文未有回应，只表示会跟进。",
        [(1, "王志強", "person"), (3, "陳大文", "person")], [(1, "王志强", "person"), (3, "陈大文", "person")]),
    # nobody is named by a quantity before 發言人, by a noun phrase with 的 (出席的官員), or by two
    # brands joined by 和 read as one word
    "noun-phrases-name-nobody": (
        "一名發言人說，公司不予置評。\n有份出席的官員透露，會議氣氛良好。\n蘋果和谷歌都表示會遵守法規。",
        "一名发言人说，公司不予置评。\n有份出席的官员透露，会议气氛良好。\n苹果和谷歌都表示会遵守法规。",
        [(1, "一名發言人", "unnamed")], [(1, "一名发言人", "unnamed")]),
    # a caucus convener's title, a press release as the channel, 公告 as a verb
    "caucus-press-release-announcement": (
        "黨團總召柯明遠回應，在野黨只會抹黑。\n陸委會今天發布新聞稿指出，對岸說法不符事實。\n星河電子昨天公告，董事會通過預算。",
        "党团总召柯明远回应，在野党只会抹黑。\n统战部今天发布新闻稿指出，对方说法不符事实。\n星河电子昨天公告，董事会通过预算。",
        [(1, "柯明遠", "person"), (2, "陸委會", "organization"), (3, "星河電子", "organization")],
        [(1, "柯明远", "person"), (2, "统战部", "organization"), (3, "星河电子", "organization")]),
    # a country speaks through its government; 各國 is nobody in particular
    "country-speaks": (
        "總統史密斯週一說，會加徵關稅，中國則表示，美國無權干涉。\n各國表示關注。",
        "总统史密斯周一说，会加征关税，中国则表示，美国无权干涉。\n各国表示关注。",
        [(1, "中國", "organization"), (1, "史密斯", "person")], [(1, "中国", "organization"), (1, "史密斯", "person")]),
    # a quotation first, a comma inside it, then the speaker and more quotation
    "quote-first-with-comma": (
        "「價格不會再跌，」地產商會主席張偉強說：「成交量會慢慢回升。」",
        "“价格不会再跌，”地产商会主席张伟强说：“成交量会慢慢回升。”",
        [(1, "張偉強", "person")], [(1, "张伟强", "person")]),
    # a pronoun after a person who spoke, and one after an organization spoke in between
    "pronoun": (
        "醫學會會長陳美玲表示，流感高峰已過。她強調，長者仍應接種疫苗。",
        "医学会会长陈美玲表示，流感高峰已过。她强调，老人仍应接种疫苗。",
        [(1, "陳美玲", "person")], [(1, "陈美玲", "person")]),
    # a pronoun whose antecedent was introduced with a title without speaking
    "pronoun-after-an-introduction": (
        "律師王大明表示，合約有效。\n研究員李美玲持不同看法。她表示，合約無效。",
        "律师王大明表示，合同有效。\n研究员李美玲持不同看法。她表示，合同无效。",
        [(1, "王大明", "person"), (2, "李美玲", "person")], [(1, "王大明", "person"), (2, "李美玲", "person")]),
    # a pronoun after a foreign name, or a name before an honorific, introduced with a title without speaking
    "pronoun-after-a-foreign-introduction": (
        "電動車公司總裁史密斯週二抵達北京。他表示，會擴大投資。\n外交部長維克醫生昨天回應問題時格外謹慎。他重申，本國不是聲索國。",
        "电动车公司总裁史密斯周二抵达北京。他表示，会扩大投资。\n外交部长维克医生昨天回应问题时格外谨慎。他重申，本国不是声索国。",
        [(1, "史密斯", "person"), (2, "維克", "person")], [(1, "史密斯", "person"), (2, "维克", "person")]),
    # 被問及: the person asked said nothing yet; the pronoun after is that person, introduced
    # with a title before an occasion; 有網友 with a channel is nobody named
    "asked-then-pronoun": (
        "國務卿史密斯表示，會保持溝通。\n行政長官陳家明出席活動時被問及此事，他回應指，政府會研究。\n有網友在社交平台留言稱，服務太差。",
        "国务卿史密斯表示，会保持沟通。\n行政长官陈家明出席活动时被问及此事，他回应指，政府会研究。\n有网友在社交平台留言称，服务太差。",
        [(1, "史密斯", "person"), (2, "陳家明", "person"), (3, "有網友", "unnamed")],
        [(1, "史密斯", "person"), (2, "陈家明", "person"), (3, "有网友", "unnamed")]),
    # 她 after a man spoke last: the earlier speaker whose given name reads as a woman's
    "pronoun-gender": (
        "研究員李美玲表示，合約無效。\n律師王大明則表示，合約有效。\n她強調，會提出上訴。",
        "研究员李美玲表示，合同无效。\n律师王大明则表示，合同有效。\n她强调，会提出上诉。",
        [(1, "李美玲", "person"), (2, "王大明", "person"), (3, "李美玲", "person")],
        [(1, "李美玲", "person"), (2, "王大明", "person"), (3, "李美玲", "person")]),
    # a headline that quotes a named speaker with a colon
    "headline-colon": (
        "政府擬加稅 財政司司長黃國強：會先諮詢公眾\n財政司司長黃國強表示，稅率調整幅度不大。",
        "政府拟加税 财政部部长黄国强：会先征求意见\n财政部部长黄国强表示，税率调整幅度不大。",
        [(1, "黃國強", "person"), (2, "黃國強", "person")], [(1, "黄国强", "person"), (2, "黄国强", "person")]),
    # unnamed and media sources are recorded as such, never as named speakers
    "unnamed-and-media": (
        "業內人士普遍認為，樓價短期難以回升。\n據路透社報導，工廠將延後投產。",
        "业内人士普遍认为，房价短期难以回升。\n据路透社报道，工厂将推迟投产。",
        [(1, "業內人士", "unnamed"), (2, "路透社", "media")], [(1, "业内人士", "unnamed"), (2, "路透社", "media")]),
    # round three (issue 9, from the second held-out set's misses, read as constructions)
    # an unnamed spokesperson speaks for the organization; a document speaks for its publisher
    "spokesperson-and-document": (
        "衛生署新聞發言人週三說，疫苗供應充足。\n海藍食品最新的聲明指，產品符合標準。\n根據漁農署文告，本地新增十宗個案。",
        "卫健委新闻发言人周三说，疫苗供应充足。\n海蓝食品最新的声明指，产品符合标准。\n根据农业局文告，本地新增十宗个案。",
        [(1, "衛生署", "organization"), (2, "海藍食品", "organization"), (3, "漁農署", "organization")],
        [(1, "卫健委", "organization"), (2, "海蓝食品", "organization"), (3, "农业局", "organization")]),
    # subjects that name nobody: a quantity, an existential 有, someone who answered the phone
    "nobody-named": (
        "多個涉事品牌發布聲明。\n有記者問及此事。\n接聽者簡短回應了記者的提問。\n相關部門迅速作出回應。",
        "多个涉事品牌发布声明。\n有记者问及此事。\n接听者简短回应了记者的提问。\n相关部门迅速作出回应。",
        [(1, "多個涉事品牌", "unnamed")], [(1, "多个涉事品牌", "unnamed")]),
    # a foreign name before its title; a Latin-script company; a brand holding 時代; a police rank
    "name-forms": (
        "史密斯國務卿警告說，談判不會輕鬆。\nZentrix表示，銷量下跌兩成。\n全心時代發文回應：「產品全部合格。」\n"
        "警察公共關係科督察吳志強在直播中表示，警方加強巡邏。",
        "史密斯国务卿警告说，谈判不会轻松。\nZentrix表示，销量下跌两成。\n全心时代发文回应：“产品全部合格。”\n"
        "警察公共关系科督察吴志强在直播中表示，警方加强巡逻。",
        [(1, "史密斯", "person"), (2, "Zentrix", "organization"), (3, "全心時代", "organization"), (4, "吳志強", "person")],
        [(1, "史密斯", "person"), (2, "Zentrix", "organization"), (3, "全心时代", "organization"), (4, "吴志强", "person")]),
    # an alias declared in a parenthesis; a press release and 確認 as cues; a caption says nothing
    "alias-release-caption": (
        "綠洲環保科技股份有限公司（以下簡稱「綠洲環保」）昨日在官網上稱，報道失實。\n"
        "金融局晚間發布新聞稿，提醒銀行加強防詐。\n局方亦確認，已收到投訴。\n市長陳大文視察工地時表示，工程如期完成。（圖：本報記者）",
        "绿洲环保科技股份有限公司（以下简称“绿洲环保”）昨日在官网上称，报道失实。\n"
        "金融局晚间发布新闻稿，提醒银行加强防诈。\n局方亦确认，已收到投诉。\n市长陈大文视察工地时表示，工程如期完成。（图：本报记者）",
        [(1, "綠洲環保科技股份有限公司", "organization"), (2, "金融局", "organization"), (3, "金融局", "organization")],
        [(1, "绿洲环保科技股份有限公司", "organization"), (2, "金融局", "organization"), (3, "金融局", "organization")]),
    # 他 after a foreign name that opens the sentence before it without speaking; a bare name
    # after 而 inside another statement; 確認 with no punctuation after it reports nothing
    "subject-connector-strict-cue": (
        "史密斯表示，合作會繼續。\n約翰遜則把這次合作稱為「最好的一次」。他坦言，過程並不容易。\n"
        "研究員陳志明表示，工程順利，而李家樂則敦促政府加快審批。\n史密斯確認出任新職。",
        "史密斯表示，合作会继续。\n约翰逊则把这次合作称为“最好的一次”。他坦言，过程并不容易。\n"
        "研究员陈志明表示，工程顺利，而李家乐则敦促政府加快审批。\n史密斯确认出任新职。",
        [(1, "史密斯", "person"), (2, "約翰遜", "person"), (3, "陳志明", "person"), (3, "李家樂", "person")],
        [(1, "史密斯", "person"), (2, "约翰逊", "person"), (3, "陈志明", "person"), (3, "李家乐", "person")]),
    # a Japanese name of four characters after a Japanese title, a Korean name with 在, a
    # surname beyond the commonest (傅)
    "east-asian-names": (
        "日本首相森田美咲在國會答辯時表示，政府會審慎處理。\n南韓總統朴在勳表示，將與美方協商。\n黨團總召傅志強批評，預算被刪減。",
        "日本首相森田美咲在国会答辩时表示，政府会审慎处理。\n韩国总统朴在勋表示，将与美方协商。\n党团总召傅志强批评，预算被删减。",
        [(1, "森田美咲", "person"), (2, "朴在勳", "person"), (3, "傅志強", "person")],
        [(1, "森田美咲", "person"), (2, "朴在勋", "person"), (3, "傅志强", "person")]),
    # a platform's or event's name in quotation marks inside the adjunct; a press release sent out
    "quoted-names-in-adjuncts": (
        "史密斯在社交平台「真言」上發文稱，關稅將提高。\n陳志明在「亞洲科技展」上表示，需求強勁。\n漁農署昨晚發出新聞稿表示，已加強巡查。",
        "史密斯在社交平台“真言”上发文称，关税将提高。\n陈志明在“亚洲科技展”上表示，需求强劲。\n农业局昨晚发出新闻稿表示，已加强巡查。",
        [(1, "史密斯", "person"), (2, "陳志明", "person"), (3, "漁農署", "organization")],
        [(1, "史密斯", "person"), (2, "陈志明", "person"), (3, "农业局", "organization")]),
    # a full name, then the title (formal Taiwan copy); occasions opened by 質詢, 接見
    "name-then-title": (
        "張志偉總統表示，國家會堅守民主。\n立委林美玲質詢時表示，政府應說明。\n王大同院長今天接見訪問團時表示，合作穩固。",
        "张志伟总统表示，国家会坚守民主。\n委员林美玲质询时表示，政府应说明。\n王大同院长今天接见访问团时表示，合作稳固。",
        [(1, "張志偉", "person"), (2, "林美玲", "person"), (3, "王大同", "person")],
        [(1, "张志伟", "person"), (2, "林美玲", "person"), (3, "王大同", "person")]),
    # staff and an unnamed unit speak for their organization; a complainant telling staff does not
    "staff-speak-for-the-body": (
        "星河電訊客服表示，訂單會正常發貨。\n市場監管總局有關司局負責人表示，將加強監管。\n"
        "漁農署執法人員介紹，涉事店舖已被查處。\n事後投訴人向工作人員表示已收到退款。",
        "星河电讯客服表示，订单会正常发货。\n市场监管总局有关司局负责人表示，将加强监管。\n"
        "农业局执法人员介绍，涉事门店已被查处。\n事后投诉人向工作人员表示已收到退款。",
        [(1, "星河電訊", "organization"), (2, "市場監管總局", "organization"), (3, "漁農署", "organization")],
        [(1, "星河电讯", "organization"), (2, "市场监管总局", "organization"), (3, "农业局", "organization")]),
    # nobody named: a list that goes on (甲、乙等), a hawker, the complaint itself, a cue inside a
    # clause of time, a caption credited to a wire agency; 衛生局 is a bureau, not a person 衛生局
    "not-speakers": (
        "星河電訊、海藍食品等紛紛回應。\n女攤販解釋，當時顧客太多。\n投訴指出，服務態度欠佳。\n"
        "店員向客人介紹產品時，提及了功效。\n總統史密斯在白宮對記者發表談話。（路透）\n南區衛生局表示，已下架產品。",
        "星河电讯、海蓝食品等纷纷回应。\n女摊贩解释，当时顾客太多。\n投诉指出，服务态度欠佳。\n"
        "店员向客人介绍产品时，提及了功效。\n总统史密斯在白宫对记者发表谈话。（路透）\n南区卫生局表示，已下架产品。",
        [(6, "南區衛生局", "organization")], [(6, "南区卫生局", "organization")]),
    # a Japanese name of three characters after a Japanese title; 截至本公告 is no speaker
    "japanese-coach": (
        "日本隊主教練森保一讚揚了對手的表現，他說：「比賽很艱難。」\n截至本公告出具日，公司未被要求協助調查。",
        "日本队主教练森保一赞扬了对手的表现，他说：“比赛很艰难。”\n截至本公告出具日，公司未被要求协助调查。",
        [(1, "森保一", "person")], [(1, "森保一", "person")]),
    # more verbs (指控, 辯稱, 致歉); a name that spoke twice is known, so a weak 指 after it reports;
    # a stock code in parentheses; the surname and a title after it (張總統) for a name known in full;
    # an addressee after a place that holds 的
    "verbs-codes-and-known-names": (
        "林國棟表示，貼文不實。\n林國棟隨後辯稱，他沒有中傷任何人。\n林國棟指這是嚴重指控。\n"
        "星河集團（300972.SZ，股價86.89元）發布公告稱，傳聞不實。\n總統張志偉表示，會堅守民主。\n張總統隨後致歉。\n"
        "發言人李德明在海參崴的經濟論壇期間對記者表示，談判不會輕鬆。",
        "林国栋表示，帖文不实。\n林国栋随后辩称，他没有中伤任何人。\n林国栋指这是严重指控。\n"
        "星河集团（300972.SZ，股价86.89元）发布公告称，传闻不实。\n总统张志伟表示，会坚守民主。\n张总统随后致歉。\n"
        "发言人李德明在海参崴的经济论坛期间对记者表示，谈判不会轻松。",
        [(1, "林國棟", "person"), (2, "林國棟", "person"), (3, "林國棟", "person"), (4, "星河集團", "organization"),
         (5, "張志偉", "person"), (6, "張志偉", "person"), (7, "李德明", "person")],
        [(1, "林国栋", "person"), (2, "林国栋", "person"), (3, "林国栋", "person"), (4, "星河集团", "organization"),
         (5, "张志伟", "person"), (6, "张志伟", "person"), (7, "李德明", "person")]),
    # 拿督斯里 is one honorific before a Malay name; a topic's subject never cuts a cue in two
    # (首相安華警告…，認為…: 安華, not 安華警); a magistrate is no organization
    "honorifics-and-topics": (
        "秘書長拿督斯里沙里布丁在致詞時表示，交通部會全力協助。\n首相拿督斯里安華警告不要陷入族群思維，認為這只會阻礙發展。\n"
        "裁判官於量刑時稱讚被告。",
        "秘书长拿督斯里沙里布丁在致词时表示，交通部会全力协助。\n首相拿督斯里安华警告不要陷入族群思维，认为这只会阻碍发展。\n"
        "裁判官于量刑时称赞被告。",
        [(1, "沙里布丁", "person"), (2, "安華", "person")], [(1, "沙里布丁", "person"), (2, "安华", "person")]),
    # 警方 alone is the police speaking; 不承認 is a refusal, not a statement
    "police-and-refusal": (
        "警察公共關係科督察吳志強表示，會加強巡邏。警方呼籲市民保持冷靜。\n史密斯在不承認對方地位的同時，執意加徵關稅。",
        "警察公共关系科督察吴志强表示，会加强巡逻。警方呼吁市民保持冷静。\n史密斯在不承认对方地位的同时，执意加征关税。",
        [(1, "吳志強", "person"), (1, "警方", "organization")], [(1, "吴志强", "person"), (1, "警方", "organization")]),
    # abbreviations ending in 會 and 交所; a call whose content holds its own clause of time; the
    # official customer service and an unnamed supervisor speak for the company; 進行了回應
    "abbreviations-and-service": (
        "消保會表示，商家不得無故取消活動。\n金融局呼籲市民在表達意見時，尊重其他客戶。\n深交所表示，股價大幅上漲。\n"
        "星河航空官方客服表示，航班確因計劃原因取消。\n海藍航空有關負責主管說，取消的航班是原定計劃。\n綠洲科技5月5日進行了回應。",
        "消保会表示，商家不得无故取消活动。\n金融局呼吁市民在表达意见时，尊重其他客户。\n深交所表示，股价大幅上涨。\n"
        "星河航空官方客服表示，航班确因计划原因取消。\n海蓝航空有关负责主管说，取消的航班是原定计划。\n绿洲科技5月5日进行了回应。",
        [(1, "消保會", "organization"), (2, "金融局", "organization"), (3, "深交所", "organization"),
         (4, "星河航空", "organization"), (5, "海藍航空", "organization"), (6, "綠洲科技", "organization")],
        [(1, "消保会", "organization"), (2, "金融局", "organization"), (3, "深交所", "organization"),
         (4, "星河航空", "organization"), (5, "海蓝航空", "organization"), (6, "绿洲科技", "organization")]),
    # a name after an office only a person holds (外交部長維文), a dotted name after a title no list
    # has, a date in parentheses (今（18日）), 予以否認, 反映; 雷軍 is a person, not an army
    "offices-dates-and-verbs": (
        "外交部長維文也補充說，會照顧留學生。\n白宮副幕僚官斯蒂芬·米勒在週五對記者表示，協議已被廢除。\n"
        "日本官房長官木原稔今（18日）重申，立場不變。\n雷軍表示，傳言不實。\n對於網上流傳的說法，雷軍予以否認。\n議員陳美玲也反映企業面臨不公平競爭。",
        "外交部长维文也补充说，会照顾留学生。\n白宫副幕僚官斯蒂芬·米勒在周五对记者表示，协议已被废除。\n"
        "日本官房长官木原稔今（18日）重申，立场不变。\n雷军表示，传言不实。\n对于网上流传的说法，雷军予以否认。\n议员陈美玲也反映企业面临不公平竞争。",
        [(1, "維文", "person"), (2, "斯蒂芬·米勒", "person"), (3, "木原稔", "person"), (4, "雷軍", "person"),
         (5, "雷軍", "person"), (6, "陳美玲", "person")],
        [(1, "维文", "person"), (2, "斯蒂芬·米勒", "person"), (3, "木原稔", "person"), (4, "雷军", "person"),
         (5, "雷军", "person"), (6, "陈美玲", "person")]),
    # a dateline in 〔〕; a title and its name set apart by a space; a publisher's name without the
    # time words after it; a wish (市府希望) and a quantity (2家公司) name nobody; 消保官|另表示
    "datelines-and-spacing": (
        "〔財經頻道／綜合報導〕蘋果執行長史密斯表示，工廠建設會帶來骨牌效應。\n證監會新聞發言人 李德明：已要求公司自查。\n"
        "裕榮食品公司今天也發布聲明表示，會負起責任。\n市府希望透過公告，讓消費者提高警覺。\n2家公司公開譴責。\n消保官另表示，會持續追蹤。",
        "〔财经频道／综合报道〕苹果首席执行官史密斯表示，工厂建设会带来骨牌效应。\n证监会新闻发言人 李德明：已要求公司自查。\n"
        "裕荣食品公司今天也发布声明表示，会负起责任。\n市府希望透过公告，让消费者提高警觉。\n2家公司公开谴责。\n消保官另表示，会持续追踪。",
        [(1, "史密斯", "person"), (2, "李德明", "person"), (3, "裕榮食品公司", "organization"), (5, "2家公司", "unnamed")],
        [(1, "史密斯", "person"), (2, "李德明", "person"), (3, "裕荣食品公司", "organization"), (5, "2家公司", "unnamed")]),
    # a headline's colon printed ︰; a long English name in parentheses before an adjunct; 發言人
    # alone after a body that spoke (but not after a named spokesperson); a picture's source line
    # and a disclaimer (並不代表本網贊同) say nothing
    "spokesperson-alone-and-captions": (
        "衛生局︰來澳人士均有記錄在案\n記者協會(Society of Professional Journalists)本週發表聲明，譴責貶低言論。\n"
        "駐美使館發言人就航班取消答記者問。\n發言人說，此說法與事實不符。\n陳大文資料圖片。圖片來源：受訪者供圖\n"
        "轉載目的在於傳遞更多信息，並不代表本網贊同其觀點。\n外交部發言人李德明表示，會保持溝通。\n發言人強調，立場不變。",
        "卫生局︰来澳人士均有记录在案\n记者协会(Society of Professional Journalists)本周发表声明，谴责贬低言论。\n"
        "驻美使馆发言人就航班取消答记者问。\n发言人说，此说法与事实不符。\n陈大文资料图片。图片来源：受访者供图\n"
        "转载目的在于传递更多信息，并不代表本网赞同其观点。\n外交部发言人李德明表示，会保持沟通。\n发言人强调，立场不变。",
        [(1, "衛生局", "organization"), (2, "記者協會", "organization"), (3, "駐美使館", "organization"),
         (4, "駐美使館", "organization"), (7, "李德明", "person")],
        [(1, "卫生局", "organization"), (2, "记者协会", "organization"), (3, "驻美使馆", "organization"),
         (4, "驻美使馆", "organization"), (7, "李德明", "person")]),
    # a quotation inside 被問到有關「…」一事時; 這麼回應 and X本人; 他 after a full name that opens
    # the sentence without speaking
    "asked-about-quoted-and-subjects": (
        "白宮新聞秘書史密斯被問到有關「小豬」一事時說，記者應該欣賞總統的坦率。\n首相約翰遜本人上月承認，合作帶來機遇。\n"
        "首相約翰遜受詢及此事時，這麼回應。\n陳嘉明現身會場隨即被媒體包圍，他說，今天主角是公司。",
        "白宫新闻秘书史密斯被问到有关“小猪”一事时说，记者应该欣赏总统的坦率。\n首相约翰逊本人上月承认，合作带来机遇。\n"
        "首相约翰逊受询及此事时，这么回应。\n陈嘉明现身会场随即被媒体包围，他说，今天主角是公司。",
        [(1, "史密斯", "person"), (2, "約翰遜", "person"), (3, "約翰遜", "person"), (4, "陳嘉明", "person")],
        [(1, "史密斯", "person"), (2, "约翰逊", "person"), (3, "约翰逊", "person"), (4, "陈嘉明", "person")]),
    # manner of four characters before the cue (情緒激動地); quantities of things (兩條建議, 約七至八成),
    # 一般認為, and people nouns (女子, 事主, 開發商) are no organization
    "manner-quantities-and-people-nouns": (
        "工會主席陳大文情緒激動地表示，資方必須道歉。\n兩條建議都是他多年思考的結果。\n一般認為，新措施會推高樓價。\n"
        "約七至八成受訪市民認為，計劃應暫緩。\n女子指控遭鄰居滋擾\n開發商回應稱，會盡快維修。\n事主表示，已經報警。",
        "工会主席陈大文情绪激动地表示，资方必须道歉。\n两条建议都是他多年思考的结果。\n一般认为，新措施会推高房价。\n"
        "约七至八成受访市民认为，计划应暂缓。\n女子指控遭邻居滋扰\n开发商回应称，会尽快维修。\n事主表示，已经报警。",
        [(1, "陳大文", "person")], [(1, "陈大文", "person")]),
    # Malay names without a dot (莫哈末, 諾希山); a titled person who issues a statement is no body
    "malay-names-and-a-person's-statement": (
        "馬國衛生總監諾希山周三下午發表聲明說，確診病例增加。\n莫哈末占祖里指出，信函是偽造的。\n他說，當局已經報案。",
        "马国卫生总监诺希山周三下午发表声明说，确诊病例增加。\n莫哈末占祖里指出，信函是伪造的。\n他说，当局已经报案。",
        [(1, "諾希山", "person"), (2, "莫哈末占祖里", "person"), (3, "莫哈末占祖里", "person")],
        [(1, "诺希山", "person"), (2, "莫哈末占祖里", "person"), (3, "莫哈末占祖里", "person")]),
    # a dash after a dateline; statements made through a letter or notice (發出關注函, 發來聲明, 下發通知);
    # a cue after 各種 is a noun; a note between title and name (議員(工程界)某某); 向本報 names nobody
    "datelines-documents-and-notes": (
        "華盛頓——財政部長約翰·史密斯(John Smith)在週日表示，貿易談判會繼續。\n深交所對星河股份發出關注函，要求公司董事會核查。\n"
        "對此，星河電子向本報發來聲明，否認有關指控。\n民航局向各航空公司下發通知，華東地區航班減量。\n陳大文之前曾就這個問題做出過各種暗示。\n"
        "立法會議員(工程界)何志明：「社會上有不同聲音。」\n警察公共關係科高級警司(媒體聯絡)江家樂表示，共有十人被捕。",
        "华盛顿——财政部长约翰·史密斯(John Smith)在周日表示，贸易谈判会继续。\n深交所对星河股份发出关注函，要求公司董事会核查。\n"
        "对此，星河电子向本报发来声明，否认有关指控。\n民航局向各航空公司下发通知，华东地区航班减量。\n陈大文之前曾就这个问题做出过各种暗示。\n"
        "立法会议员(工程界)何志明：“社会上有不同声音。”\n警务处高级警司(媒体联络)江家乐表示，共有十人被捕。",
        [(1, "約翰·史密斯", "person"), (2, "深交所", "organization"), (3, "星河電子", "organization"), (4, "民航局", "organization"),
         (6, "何志明", "person"), (7, "江家樂", "person")],
        [(1, "约翰·史密斯", "person"), (2, "深交所", "organization"), (3, "星河电子", "organization"), (4, "民航局", "organization"),
         (6, "何志明", "person"), (7, "江家乐", "person")]),
    # after a statement, the names of its content are no topic of a later cue (X重申，市長某某不會…，強調…)
    "content-names-are-no-topic": (
        "外交部發言人李明華今日重申，市長陳大文不會撤回有關發言，強調立場不變。",
        "外交部发言人李明华今日重申，市长陈大文不会撤回有关发言，强调立场不变。",
        [(1, "李明華", "person")], [(1, "李明华", "person")]),
    # a topic's name does not end with the first character of an adjunct's opener (某某|向, 某某|通過)
    "topic-name-before-an-opener": (
        "運輸及房屋局長陳帆向立法會匯報，承認數量不足。\n品牌創始人鄧景衡通過官方微博發布視頻，回應近期的爭議。",
        "运输及房屋局长陈帆向立法会汇报，承认数量不足。\n品牌创始人邓景衡通过官方微博发布视频，回应近期的争议。",
        [(1, "陳帆", "person"), (2, "鄧景衡", "person")], [(1, "陈帆", "person"), (2, "邓景衡", "person")]),
    # 他/她 after 甲會見乙 is the subject 甲, not the object; learning of something before the cue (得知此事後回應稱)
    "pronoun-after-subject-and-object": (
        "歐盟委員會主席范德琳今天在北京會見國家主席陳大文。她表示，雙方談及貿易問題。\n集團創始人劉東明得知此事後回應稱，員工應先幫助有需要的人。",
        "欧盟委员会主席范德琳今天在北京会见国家主席陈大文。她表示，双方谈及贸易问题。\n集团创始人刘东明得知此事后回应称，员工应先帮助有需要的人。",
        [(1, "范德琳", "person"), (2, "劉東明", "person")], [(1, "范德琳", "person"), (2, "刘东明", "person")]),
    # bodies by more endings (律政司, 航空站), 經X確認 (confirmed by X), a clock time (8時39分), an
    # organization's account and its handle (官方微博@某某) speaking for it; 司長 is a title, not a name
    "departments-accounts-and-clock-times": (
        "飛機在途中臨時返航，經高雄國際航空站確認，是機械故障所致。\n律政司在上訴通知書要求上訴庭推翻原判。\n"
        "律政司司長早前提出上訴，質疑原審法官判斷錯誤。\n星河地鐵今早8時39分在臉書說，列車服務暫停。\n"
        "昨日上午，北京市公安局官方微博@平安北京發布微博提醒，航班或延誤。",
        "飞机在途中临时返航，经高雄国际航空站确认，是机械故障所致。\n律政司在上诉通知书要求上诉庭推翻原判。\n"
        "律政司司长早前提出上诉，质疑原审法官判断错误。\n星河地铁今早8时39分在脸书说，列车服务暂停。\n"
        "昨日上午，北京市公安局官方微博@平安北京发布微博提醒，航班或延误。",
        [(1, "高雄國際航空站", "organization"), (2, "律政司", "organization"), (3, "律政司", "organization"),
         (4, "星河地鐵", "organization"), (5, "北京市公安局", "organization")],
        [(1, "高雄国际航空站", "organization"), (2, "律政司", "organization"), (3, "律政司", "organization"),
         (4, "星河地铁", "organization"), (5, "北京市公安局", "organization")]),
    # a clause of time before the subject (在接受採訪時某某表示), 告訴 + addressee, sports roles (中鋒),
    # 受詢時 and an honorific after a titled name (部長某某醫生)
    "time-clause-tell-and-roles": (
        "在接受媒體採訪時陳大文表示，供應鏈仍以本地為主。\n美國總統約翰遜（Boris Johnson）告訴路透社，談判仍在進行。\n"
        "「這一切都跟責任感有關。」勇士荷蘭中鋒波斯特（Quinten Post）強調，「比賽前大家都知道。」\n"
        "交通部高級政務部長陳志立醫生今天中午受詢時指出，故障原因已確定。",
        "在接受媒体采访时陈大文表示，供应链仍以本地为主。\n美国总统约翰逊（Boris Johnson）告诉路透社，谈判仍在进行。\n"
        "“这一切都跟责任感有关。”勇士荷兰中锋波斯特（Quinten Post）强调，“比赛前大家都知道。”\n"
        "交通部高级政务部长陈志立医生今天中午受询时指出，故障原因已确定。",
        [(1, "陳大文", "person"), (2, "約翰遜", "person"), (3, "波斯特", "person"), (4, "陳志立", "person")],
        [(1, "陈大文", "person"), (2, "约翰逊", "person"), (3, "波斯特", "person"), (4, "陈志立", "person")]),
    # 他 after a sentence in which a second person is reported inside the first's statement: the first
    "pronoun-after-a-reported-statement": (
        "首相陳大文指出，在政府框架下，團長李家明抨擊部長的做法不恰當。\n他說，他不會理會這類言論。",
        "首相陈大文指出，在政府框架下，团长李家明抨击部长的做法不恰当。\n他说，他不会理会这类言论。",
        [(1, "李家明", "person"), (1, "陳大文", "person"), (2, "陳大文", "person")],
        [(1, "李家明", "person"), (1, "陈大文", "person"), (2, "陈大文", "person")]),
    # a channel (透過社群平台) is no part of a body's name; a reporter's dateline (〔…〕, 【…】) opens no
    # mention; 根據X報告指出 is X; publishing a document (公布《…》) reports nobody's words
    "channels-datelines-and-published-documents": (
        "美國總統約翰遜透過社群平台發文表示，他已經和對方通話。\n〔記者陳小明／台北報導〕根據審計部報告指出，列車晚點情況嚴重。\n"
        "政府日前公布《公共房屋需求報告》，議員質疑推算有缺陷。",
        "美国总统约翰逊通过社交平台发文表示，他已经和对方通话。\n【本报讯】根据审计署报告指出，列车晚点情况严重。\n"
        "政府日前公布《公共住房需求报告》，代表质疑推算有缺陷。",
        [(1, "約翰遜", "person"), (2, "審計部", "organization")], [(1, "约翰逊", "person"), (2, "审计署", "organization")]),
    # any name after a Malaysian honorific (拿督斯里卡立), a name never ends with a time word (安華今天),
    # a title and a verb name nobody (檢察官起訴), a body speaks through its judgment (法院用判決書告訴),
    # Japanese ministries end in 省
    "honorifics-judgments-and-ministries": (
        "國防部長拿督斯里卡立在記者會上說，軍隊已經進入戒備狀態。\n首相拿督斯里安華今天說，政府會處理。\n"
        "檢察官起訴指出，被告涉嫌詐欺。\n地方法院用判決書告訴公眾，媒體不能侮辱他人。\n外務省表示，已向對方提出抗議。",
        "国防部长拿督斯里卡立在记者会上说，军队已经进入戒备状态。\n首相拿督斯里安华今天说，政府会处理。\n"
        "检察官起诉指出，被告涉嫌诈骗。\n地方法院用判决书告诉公众，媒体不能侮辱他人。\n外务省表示，已向对方提出抗议。",
        [(1, "卡立", "person"), (2, "安華", "person"), (4, "地方法院", "organization"), (5, "外務省", "organization")],
        [(1, "卡立", "person"), (2, "安华", "person"), (4, "地方法院", "organization"), (5, "外务省", "organization")]),
    # a police notice (發布警情通報稱) is the bureau's; unnamed people of a named company (相關人士) speak
    # for it; 涉事企業 names no organization
    "notices-and-people-of-a-company": (
        "上海市公安局靜安分局發布警情通報稱，已將嫌疑人抓獲。\n華為相關人士對記者表示，公司不予置評。\n"
        "對此，涉事企業相關負責人回應稱，公司正在核實情況。",
        "上海市公安局静安分局发布警情通报称，已将嫌疑人抓获。\n华为相关人士对记者表示，公司不予置评。\n"
        "对此，涉事企业相关负责人回应称，公司正在核实情况。",
        [(1, "上海市公安局靜安分局", "organization"), (2, "華為", "organization")],
        [(1, "上海市公安局静安分局", "organization"), (2, "华为", "organization")]),
    # an abbreviation glossed inside a body's name (美國在台協會（AIT）發言人), 在台 inside a name
    "gloss-inside-a-body's-name": (
        "美國在台協會（AIT）發言人表示，美方支持台灣參與國際組織。",
        "美国在台协会（AIT）发言人表示，美方支持台湾参与国际组织。",
        [(1, "美國在台協會", "organization")], [(1, "美国在台协会", "organization")]),
    # 他 after a sentence whose subject follows its time words (當地時間26日，某某…。他表示)
    "pronoun-after-a-dated-subject": (
        "外交部發言人林文傑表示，會保持溝通。\n當地時間26日，約翰遜在訪華前夕接受專訪。他表示，英國不必選邊站。",
        "外交部发言人林文杰表示，会保持沟通。\n当地时间26日，约翰逊在访华前夕接受专访。他表示，英国不必选边站。",
        [(1, "林文傑", "person"), (2, "約翰遜", "person")], [(1, "林文杰", "person"), (2, "约翰逊", "person")]),
    # a news agency's dateline (某社北京9月18日電/), 回憶 before punctuation, titles ending in 家 (金融家)
    "agency-datelines-recollection-and-experts": (
        "本社北京9月18日電/美國總統約翰遜當地時間17日宣布，自本月起加徵關稅。\n談到那場比賽時，教練羅伯斯回憶，「那時很艱難。」\n"
        "在這封電郵中，已故的紐約金融家艾普斯坦聲稱此事屬實。",
        "本社北京9月18日电/美国总统约翰逊当地时间17日宣布，自本月起加征关税。\n谈到那场比赛时，教练罗伯斯回忆，“那时很艰难。”\n"
        "在这封电邮中，已故的纽约金融家艾普斯坦声称此事属实。",
        [(1, "約翰遜", "person"), (2, "羅伯斯", "person"), (3, "艾普斯坦", "person")],
        [(1, "约翰逊", "person"), (2, "罗伯斯", "person"), (3, "艾普斯坦", "person")]),
    # 經 is 'through' only before a body (經某航空站確認), not the first character of a title (經紀人)
    "jing-before-a-body-only": (
        "經紀人陳大文表示，合約已經續簽。", "经纪人陈大文表示，合约已经续签。",
        [(1, "陳大文", "person")], [(1, "陈大文", "person")]),
    # a company's title alone (港鐵總裁) for the one person printed with its ending title; a body's
    # spokesperson title (白宮發言人) for the spokesperson printed with it
    "titles-alone-of-a-body": (
        "港鐵行政總裁金澤培今日向公眾道歉。\n港鐵總裁：會全面檢查車門\n白宮發言人李威特（Karoline Leavitt）表示，關稅即時生效。\n"
        "白宮發言人：總統會簽署命令",
        "港铁行政总裁金泽培今日向公众道歉。\n港铁总裁：会全面检查车门\n白宫发言人李威特（Karoline Leavitt）表示，关税即时生效。\n"
        "白宫发言人：总统会签署命令",
        [(1, "金澤培", "person"), (2, "金澤培", "person"), (3, "李威特", "person"), (4, "李威特", "person")],
        [(1, "金泽培", "person"), (2, "金泽培", "person"), (3, "李威特", "person"), (4, "李威特", "person")]),
    # kinds of company (藥業) before a headline colon; a hotline's staff speak for its body; 於新聞稿指出
    "companies-hotlines-and-releases": (
        "靈康藥業：公司不涉及商業地產\n廣州市市場監督管理局舉報熱線工作人員回應記者稱，會盡快核實。\n"
        "桃園市勞動局於新聞稿指出，已啟動強制協商機制。",
        "灵康药业：公司不涉及商业地产\n广州市市场监督管理局举报热线工作人员回应记者称，会尽快核实。\n"
        "桃园市劳动局于新闻稿指出，已启动强制协商机制。",
        [(1, "靈康藥業", "organization"), (2, "廣州市市場監督管理局", "organization"), (3, "桃園市勞動局", "organization")],
        [(1, "灵康药业", "organization"), (2, "广州市市场监督管理局", "organization"), (3, "桃园市劳动局", "organization")]),
    # nouns (文告, 文中) and a refusal (某某拒絕透露) are no names, also for the sentence-start rule
    "nouns-and-refusals-are-no-names": (
        "文告提到，露宿者都會獲得援助。\n文中提到，市長在大會上的談話。\n但陳大文拒絕透露取得的支持議席數目。",
        "文告提到，露宿者都会获得援助。\n文中提到，市长在大会上的谈话。\n但陈大文拒绝透露取得的支持议席数目。",
        [], []),
    # staff counted (公司一位行政工作人員) are nobody named; 火速 is an adverb
    "counted-staff-and-adverbs": (
        "公司一位行政工作人員向記者表示，領導正在開會。\n星河銀行今天火速回應，業務運作正常。",
        "公司一位行政工作人员向记者表示，领导正在开会。\n星河银行今天火速回应，业务运作正常。",
        [(2, "星河銀行", "organization")], [(2, "星河银行", "organization")]),
    # 做出回應, 發出文告 and 闡明 report; 配合…時 and 針對此課題 open adjuncts before the cue
    "responses-circulars-and-occasions": (
        "《環球時報》也對事件做出回應，表示中英文版都沒有刊發。\n外交部昨晚正式發出文告，闡明該部已傳召大使。\n"
        "駐馬大使黃大康昨日配合中秋節到訪老街時指出，兩國奉行和平共處。\n首相陳大文在隨後出席活動時，針對此課題表示，傳言四起。",
        "《环球时报》也对事件做出回应，表示中英文版都没有刊发。\n外交部昨晚正式发出文告，阐明该部已传召大使。\n"
        "驻马大使黄大康昨日配合中秋节到访老街时指出，两国奉行和平共处。\n首相陈大文在随后出席活动时，针对此课题表示，传言四起。",
        [(1, "《環球時報》", "media"), (2, "外交部", "organization"), (3, "黃大康", "person"), (4, "陳大文", "person")],
        [(1, "《环球时报》", "media"), (2, "外交部", "organization"), (3, "黄大康", "person"), (4, "陈大文", "person")]),
}


def attributed(text: str) -> list[tuple]:
    warnings = Warnings()
    doc = parse(Source(Path("case.txt"), text, "0" * 64), Curation(), warnings)
    types = {sp.speaker_id: (sp.name, sp.speaker_type) for sp in doc.speakers}
    return sorted({(st.paragraph.line, *types[st.speaker_id]) for st in doc.statements if st.speaker_id})


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("script", ["hant", "hans"])
def test_news_construction(case, script):
    hant, hans, want_hant, want_hans = CASES[case]
    text, want = (hant, want_hant) if script == "hant" else (hans, want_hans)
    assert attributed(text) == sorted(want)


def test_every_statement_names_the_rule_that_found_it_and_the_rule_that_named_the_speaker():
    from jd_wechat_commentary.rules import lexicon
    warnings = Warnings()
    text = "\n".join(c[0] for c in CASES.values())
    doc = parse(Source(Path("case.txt"), text, "0" * 64), Curation(), warnings)
    found = {st.rule_id for st in doc.statements}
    resolved = {st.speaker_rule for st in doc.statements if st.speaker_id}
    assert found <= set(lexicon.RULES) and resolved <= set(lexicon.SPEAKER_RULES)
    assert {"cue-after-mention", "colon-after-name", "zai-x-kanlai", "ju-x-cue"} <= found
    assert {"pronoun", "surname-of-known-name", "anaphor", "unnamed-source", "title-and-name"} <= resolved


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_every_construction_builds_a_valid_release(script, tmp_path):
    """Each construction's mentions are ones a release may print: a title alone (特首) that is one
    of the speaker's roles, the last part of a transliterated name (沃爾科娃), 院士 after a surname."""
    from jd_wechat_commentary.build import build
    text = "\n".join(c[0] if script == "hant" else c[1] for c in CASES.values())
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    build(tmp_path / "article.txt", None, tmp_path / "release")      # validates, or raises
