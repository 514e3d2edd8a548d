from qa.language.extract import dates, filter_titles, is_name, listed, modifier, ordinals, people, post_names, titles, topic_of
from qa.language.question import DATE, DOCUMENTS, LIST, ORDINAL, PERSON, PHRASE, analyse

MEETING = "3月2日，市委副书记、市长张三主持召开市政府第5次常务会议，审议通过《某市财政资金管理办法》《某市交通规划（草案）》《某市财政预算调整方案》。"
ATTEND = "市领导李四、王五、赵六参加会议，市政府秘书长钱七列席，会议邀请了某市日报、某市电视台参加。"


def test_titles_filtered_by_topic():
    found = titles(MEETING)
    assert found == ["某市财政资金管理办法", "某市交通规划（草案）", "某市财政预算调整方案"]
    assert filter_titles(found, ["财政"]) == ["某市财政资金管理办法", "某市财政预算调整方案"]
    assert filter_titles(found, ["审议"]) == found  # no topic term in any title: all


def test_people_dates_ordinals_lists():
    assert people(MEETING, "谁主持了会议") == ["张三（市委副书记、市长）"]
    assert people(ATTEND, "哪些市领导参加了会议") == ["李四", "王五", "赵六"]
    assert people(ATTEND, "市政府秘书长是谁") == ["钱七（市政府秘书长）"]
    assert people(MEETING, "秘书长是谁") == []  # nobody holds that post in this quote
    assert dates(MEETING) == ["3月2日"] and dates(MEETING, "2024-03-03") == ["2024年3月2日"]
    assert ordinals(MEETING, "这是第几次常务会议") == ["第5次"]
    assert listed(ATTEND, ["邀请"]) == ["某市日报", "某市电视台"]


def test_modifier_of_the_asked_noun():
    text = "要营造公开、透明、高效的营商环境，按照“能进则进、应进必进”的原则推进。"
    assert modifier(text, "要营造什么样的营商环境？") == "公开、透明、高效"
    assert modifier(text, "要按照什么原则？") == "能进则进、应进必进"
    assert modifier("深入贯彻在全国工作会议第三次会议上的讲话", "在哪次会议上的讲话") == "全国工作会议第三次会议"


def test_question_kinds():
    kinds = {
        "哪些文件获得通过？": DOCUMENTS, "会议审议通过了什么？": DOCUMENTS, "谁主持会议？": PERSON,
        "会议哪天召开？": DATE, "这是第几次会议？": ORDINAL, "邀请了哪些媒体？": LIST,
        "要营造什么样的环境？": PHRASE, "Which plans were approved?": DOCUMENTS, "When was it held?": DATE,
        "Who chaired it?": PERSON, "Which five-year plan outline did it approve in January 2026?": DOCUMENTS,
        "Which day-to-day issues were discussed?": LIST, "On which day was it held?": DATE,
        "What did the meeting chaired by Yan Jinhai study?": LIST, "What did the meeting say about housing?": PHRASE,
    }
    for question, kind in kinds.items():
        assert analyse(question).kind == kind, question
    assert analyse("会议讨论了房价吗？").yes_no and analyse("Did the meeting discuss housing?").yes_no
    assert not analyse("文件叫什么？").yes_no


def test_what_a_meeting_studied_is_the_list_after_its_verb():
    from qa.language.extract import listed
    from qa.language.question import asked_topic_verbs

    assert asked_topic_verbs("What did the Tibet regional government meeting study?") == ("研究",)
    assert asked_topic_verbs("What did the meeting say?") == ()
    text = "区党委副书记、自治区代理主席严金海主持召开自治区政府常务会议,研究我区新时代强边工作、国企改革、政府工作规则等事宜。"
    assert listed(text, ["研究"]) == ["我区新时代强边工作", "国企改革", "政府工作规则"]


def test_an_amount_raised_to_is_the_value_reached():
    from qa.language.extract import direct_answer
    from qa.language.question import AMOUNT, analyse

    text = "包括将符合条件行业企业研发费用税前加计扣除比例由75%提高至100%的政策，作为制度性安排长期实施；"
    english = "To what level was the pre-tax super deduction ratio for R&D expenses raised?"
    assert analyse(english).kind == AMOUNT
    assert direct_answer(AMOUNT, text, english, [], []) == ["100%"]
    assert direct_answer(AMOUNT, text, "加计扣除比例提高到多少？", [], []) == ["100%"]
    assert direct_answer(AMOUNT, text, "加计扣除比例是多少？", [], []) == ["75%", "100%"]


def test_asked_dates_pick_documents():
    from qa.language.question import asked_dates, date_matches

    assert asked_dates("2023年4月7日的国务院常务会议审议通过了什么条例？") == [(2023, 4, 7)]
    assert asked_dates("会议哪天召开？") == [] and asked_dates("第20次会议") == []
    assert date_matches((2023, 4, 7), "2023-04-07") and date_matches((2023, 4, 7), "2023-04-08")  # broadcast next day
    assert not date_matches((2023, 4, 7), "2023-04-09")
    assert date_matches((None, 4, 16), "4月16日") and date_matches((2023, 4, None), "2023-04-30")
    assert not date_matches((2024, None, None), "2023-04-30")


def test_counts_stated_in_the_text():
    from qa.language.extract import direct_answer
    from qa.language.question import COUNT

    text = "会议决定，一是新增22项覆盖面广、办理频次高的跨省通办事项。"
    assert direct_answer(COUNT, text, "会议决定新增多少项跨省通办事项？", [], []) == ["22项"]
    assert direct_answer(COUNT, MEETING, "会议通过了几个文件？", [], [])[0].startswith("3（")


def test_a_count_is_of_the_kind_asked_for():
    """The question's own number is no answer to it; people are counted only as the
    officials a communiqué names, never by counting another list."""
    from qa.language.extract import direct_answer
    from qa.language.question import COUNT

    text = "会议确定了今年10个方面、103项重点工作。"
    assert direct_answer(COUNT, text, "会议确定的103项重点工作中有多少项涉及教育？", [], []) == []
    assert direct_answer(COUNT, text, "会议确定了多少项重点工作？", [], []) == ["103项"]
    risks = "要针对燃气、建筑施工、交通运输等重点行业领域，从源头上降低安全风险。"
    assert direct_answer(COUNT, risks, "燃气爆炸事故造成了多少人死亡？", [], ["燃气"]) == []
    assert direct_answer(COUNT, risks, "会议针对几个重点行业领域？", [], ["重点行业"])[0].startswith("3（")
    attended = "市委副书记、市长汤方栋主持会议，副市长王庆良、副市长李明出席。"
    assert direct_answer(COUNT, attended, "几位副市长出席了会议？", [], ["副市长"])[0].startswith("2（")


def test_a_list_is_counted_only_when_it_is_of_the_thing_counted():
    """A list answers "how many X" where X follows it or heads every item; a list whose
    subject merely shares a word, another number, or the chair is no count of X."""
    from qa.language.extract import can_answer, counted_terms, direct_answer
    from qa.language.question import COUNT

    basis = "根据习近平总书记重要指示批示精神、中央经济工作会议部署和全国两会精神，会议确定了今年国务院10个方面、103项重点工作。"
    education = "义务教育是惠及千家万户、事关长远发展的重要惠民举措，会议由国务院总理李强主持。"
    asked = "会议确定的103项重点工作中有多少项涉及教育？"
    assert counted_terms(asked) == ("涉及", "教育")
    for text in (basis, education, "会议提出实施102项重大工程。"):
        assert direct_answer(COUNT, text, asked, ["重点工作", "教育"], ["重点工作", "教育"]) == []
        assert not can_answer(COUNT, text, asked, ["重点工作", "教育"])
    topics = "会议研究了城市更新、防汛抗旱、招商引资等三项议题。"
    assert direct_answer(COUNT, topics, "会议研究了几项议题？", ["议题"], ["议题"]) == ["三项"]
    heard = "会议听取了财政局汇报、审计局汇报、统计局汇报。"
    assert direct_answer(COUNT, heard, "会议听取了几个汇报？", ["汇报"], ["汇报"])[0].startswith("3（")


def test_english_counts_take_a_stated_number_of_the_thing_counted():
    """"How many nuclear power projects…" is answered by 四个核电项目 (any counter word
    before the Chinese for what is counted), not by 一批 or an unrelated list."""
    from qa.language.extract import can_answer, direct_answer
    from qa.language.question import COUNT

    nuclear = "会议决定核准辽宁庄河一期工程等四个核电项目。"
    assert direct_answer(COUNT, nuclear, "How many nuclear power projects were approved?", [], []) == ["四个"]
    batch = "要抓紧实施一批重大项目，加快推进学校、医院、养老院等公共设施恢复重建。"
    schools = "How many new high schools will be built?"
    assert direct_answer(COUNT, batch, schools, ["学校", "高中"], ["学校", "高中"]) == []
    # the passage may still hold the answer in words the dictionary misses: it stays a candidate
    assert can_answer(COUNT, batch, schools, ["学校"], "en")
    attended = "市委副书记、市长汤方栋主持会议，副市长王庆良、副市长李明出席。"
    assert direct_answer(COUNT, attended, "How many vice mayors attended?", [], ["副市长"])[0].startswith("2（")
    assert direct_answer(COUNT, attended, "How many projects were approved?", [], []) == []


def test_who_attended_and_how_many_leave_out_the_chair_and_bodies():
    """The chair named in the attendance sentence did not attend in that sense; a leaders'
    list may hold longer (Mongolian) names; "有关部门负责人" names no person 关部门."""
    from qa.language.extract import direct_answer, is_name, people
    from qa.language.question import COUNT

    text = ("5月31日,旗委副书记、政府旗长希尼主持召开旗人民政府2024年第10次常务会议。旗领导马亚栋、阿拉腾朝鲁、"
            "康锐、常玉君、沙健、高强英、乌兰巴特尔,各苏木镇、旗直各有关部门负责人参加会议。")
    leaders = ["马亚栋", "阿拉腾朝鲁", "康锐", "常玉君", "沙健", "高强英", "乌兰巴特尔"]
    assert people(text, "Who attended the meeting?") == leaders
    assert direct_answer(COUNT, text, "有几位旗领导参加了会议？", [], []) == [f"7（{'、'.join(leaders)}）"]
    assert direct_answer(COUNT, text, "How many banner leaders attended the meeting?", [], []) == [f"7（{'、'.join(leaders)}）"]
    assert not is_name("关部门") and not is_name("郑单位") and is_name("关羽")
    mayor = "市长汤方栋主持会议，副市长王庆良出席会议。"
    assert people(mayor, "谁出席了会议？") == ["王庆良（副市长）"]


def test_which_body_did_something_is_the_subject_of_that_predicate():
    from qa.language.extract import can_answer, direct_answer
    from qa.language.question import PERSON, analyse

    text = "会议书面传达了市政府全体会议精神,区发改局通报了全区上半年经济运行情况,区科工局作了表态发言。"
    question = "是哪个部门通报了上半年经济运行情况？"
    assert analyse(question).kind == PERSON
    assert direct_answer(PERSON, text, question, [], []) == ["区发改局"]
    # the people a passage names are no body's answer; the passage stays a candidate (the
    # predicate may be worded otherwise there, and the reader may find the body)
    chair = "区长杨海三出席会议并讲话，副区长王喜宾主持会议。"
    assert direct_answer(PERSON, chair, question, [], []) == [] and can_answer(PERSON, chair, question)
    # the body charged with the act, the grounds of its act said between them
    charged = "会议原则通过《县妇女发展规划》。责成县妇联根据会议讨论意见修改完善后,履行发文程序。"
    assert direct_answer(PERSON, charged, "县妇女发展规划由哪个部门修改完善？", [], []) == ["县妇联"]


def test_what_a_body_reported_is_the_subject_of_its_reports_heard():
    from qa.language.extract import reports_of

    text = ("会议听取了县教育局关于河西新区学校建设方案的汇报;听取开发区关于物流公司收储情况的汇报、关于咨询服务情况的汇报"
            "和关于示范基地申报的汇报;听取县住建局关于建设人工湿地的汇报和关于溪河公园优化设计有关情况的汇报。")
    assert reports_of(text, "县住建局汇报了哪些事项？") == ["建设人工湿地", "溪河公园优化设计有关情况"]
    assert reports_of(text, "县教育局在常务会议上汇报了什么？") == ["河西新区学校建设方案"]
    assert reports_of(text, "住建局汇报了什么？") == ["建设人工湿地", "溪河公园优化设计有关情况"]  # without 县
    assert len(reports_of(text, "开发区作了几个汇报？")) == 3
    # a body the text heard no report from, or a question not about what was reported
    assert reports_of(text, "县财政局汇报了什么？") == [] == reports_of(text, "县住建局负责什么？")


def test_the_thing_counted_may_come_before_the_counter_and_english_documents_are_titles():
    from qa.language.extract import counted_terms, direct_answer
    from qa.language.question import COUNT

    assert counted_terms("巴林左旗2026年民生实事项目一共有多少项？") == ("项目",)
    assert counted_terms("会议通过了几个？") == ()
    topics = "会议研究审议了《2026年政府工作报告》、2026年民生实事候选项目、《计划草案的报告》等议题。"
    assert direct_answer(COUNT, topics, "巴林左旗2026年民生实事项目一共有多少项？", ["项目"], ["项目"]) == []
    studied = "会前学习了《中华人民共和国环境保护法》，讨论了《政府工作报告(草案)》、《计划草案的报告》。"
    assert direct_answer(COUNT, studied, "会议讨论了几个报告？", [], [])[0].startswith("2（")  # the 报告, not the law
    assert direct_answer(COUNT, studied, "会议涉及几个文件？", [], [])[0].startswith("3（")  # 文件: every title
    approved = "会议讨论并原则通过《合作协议》《事项清单》《管理办法》等文件。"
    assert direct_answer(COUNT, approved, "How many documents did the meeting approve?", [], [])[0].startswith("3（")


def test_document_questions_are_not_read_into_violations_or_quoted_titles():
    from qa.language.question import DOCUMENTS, analyse

    assert analyse("会议部署全链条打击什么违法活动？").kind != DOCUMENTS  # 违法 is no law
    assert analyse("针对什么问题对《快递暂行条例》进行专项修改？").kind != DOCUMENTS  # the 条例 is quoted, not asked
    assert analyse("会议审议通过了哪部法？").kind == DOCUMENTS
    assert analyse("会议讨论了什么法律草案？").kind == DOCUMENTS
    assert analyse("哪些财政文件获得通过？").kind == DOCUMENTS


def test_names_after_a_post_start_with_a_surname_and_share_it():
    assert is_name("李伟光") and is_name("欧阳明") and not is_name("质量奖") and not is_name("负责制")
    assert people("研究审议了黄河生态保护、粮食生产、区长质量奖等有关事项。", "谁主持了会议？") == []
    sentence = "副县长何奎、顾欣、黄欢、罗旭辉、万学成、蒋道成和县政府办主任李安模出席会议。"
    assert [n for _, n in post_names(sentence)] == ["何奎", "顾欣", "黄欢", "罗旭辉", "万学成", "蒋道成", "李安模"]
    assert people(sentence, "有哪些副县长出席？") == [f"{n}（副县长）" for n in ["何奎", "顾欣", "黄欢", "罗旭辉", "万学成", "蒋道成"]]


def test_who_attended_is_read_from_the_sentences_that_say_so():
    text = "区长李伟光主持召开区政府第16次常务会议。张振中、陈伟森、安龙、王保国等参加会议。"
    assert people(text, "有谁参加了会议？") == ["张振中", "陈伟森", "安龙", "王保国"]
    assert people(text, "会议由谁主持？") == ["李伟光（区长）"]
    assert people("各部门、各单位负责人参加会议。", "有谁参加？") == []  # no names listed


def test_the_topic_of_a_question_is_not_its_meeting():
    assert topic_of(["县政府", "第四十二", "常务会议", "通过"]) == []
    assert topic_of(["镇江市", "20", "财政"]) == ["财政"]


def test_the_chair_is_the_name_before_presiding():
    from qa.language.extract import chairs

    opening = "11月25日,州长李飞跃主持召开第十二届州人民政府第45次常务会议。"
    attendees = "州委常委、常务副州长冯仕文、州委常委、副州长黄秋斌、州人大常委会副主任唐斌出席会议。"
    assert people(opening + attendees, "黔东南州第45次常务会议由谁主持？") == ["李飞跃（州长）"]
    assert people(attendees, "会议由谁主持？") == []  # a quote naming no chair does not answer
    assert chairs("[陕西新闻联播]刘国中主持召开省政府第五次常务会议") == ["刘国中"]  # no post
    assert chairs("省长刘国忠今天主持召开省政府第五次常务会议传达学习") == ["刘国忠（省长）"]
    assert chairs("旗委副书记、政府旗长希尼主持召开旗人民政府2024年第10次常务会议") == ["希尼（旗委副书记、政府旗长）"]  # no Han surname
    assert people(attendees, "有哪些副州长出席？") == ["冯仕文（常务副州长）", "黄秋斌（副州长）"]


def test_attending_without_a_vote_is_asked_apart():
    text = "县长马越垠主持召开第52次常务会议,县政府副县长蔡俊杰、安智辉出席会议。县人大常委会副主任刘志伟,县政协副主席曹凤娥列席会议。"
    assert [p.split("（")[0] for p in people(text, "有谁列席？")] == ["刘志伟", "曹凤娥"]
    assert [p.split("（")[0] for p in people(text, "有哪些副县长出席？")] == ["蔡俊杰", "安智辉"]


def test_documents_listed_without_brackets():
    from qa.language.extract import direct_answer

    text = "会议研究了自治区政府工作报告、2024年财政预算(草案)的报告,要求进一步修改完善。"
    assert direct_answer(DOCUMENTS, text, "会议研究了哪些报告？", [], ["研究"]) == ["自治区政府工作报告", "2024年财政预算(草案)的报告"]
    assert analyse("有哪些副州长出席？").kind == PERSON and analyse("讨论了哪些报告？").kind == DOCUMENTS


def test_a_list_of_topics_without_its_verb_and_closing_words():
    text = "市长主持召开市政府常务会议,研究2022年《政府工作报告》重点任务落实、市政基础设施建设、交通“治提增”行动等工作。"
    # "工作" inside the title is no verb before the list; "研究…等工作" are not part of the items
    assert listed(text, ["工作"]) == ["2022年《政府工作报告》重点任务落实", "市政基础设施建设", "交通“治提增”行动"]
    assert listed("研究审议了黄河生态保护、粮食生产、区长质量奖等有关事项", ["事项"]) == ["黄河生态保护", "粮食生产", "区长质量奖"]


def test_a_kind_of_document_asked_for_and_what_a_document_is_about():
    found = ["中华人民共和国环境保护法", "政府工作报告(草案)"]
    assert filter_titles(found, ["会前", "学习", "法律"]) == ["中华人民共和国环境保护法"]  # "哪部法律"
    assert analyse("会议审议了关于什么工作的实施意见？").kind == PHRASE
    assert analyse("会议审议了什么实施意见？").kind == DOCUMENTS


def test_names_before_posts_chairs_in_a_room_and_english_chair_questions():
    from qa.language.extract import chairs

    assert post_names("李奉利区长强调,胡绍军副市长连续两次召开橡胶谷联席会议") == [("区长", "李奉利"), ("副市长", "胡绍军")]
    assert people("胡绍军副市长连续两次召开橡胶谷联席会议", "哪位副市长两次召开联席会议？") == ["胡绍军（副市长）"]
    assert chairs("区委副书记、区长李奉利在区机关大楼第一接待室主持召开专题会议") == ["李奉利（区委副书记、区长）"]
    text = "区委副书记、区长杨海三出席会议并讲话,区委常委、副区长王喜宾主持会议,区政府领导班子成员参加会议。"
    assert people(text, "Who chaired the plenary meeting?") == ["王喜宾（副区长）"]  # the mayor spoke, his deputy chaired
    assert people("副区长蔡全记及区政府办有关负责人参加了会议。", "李奉利主持的会议有哪位副区长参加？") == ["蔡全记（副区长）"]


def test_where_a_meeting_was_held():
    from qa.language.extract import direct_answer

    assert analyse("橡胶谷专题会议在哪里召开？").kind == "venue" and analyse("在哪里开展试点？").kind != "venue"
    assert direct_answer("venue", "6月7日,区长李奉利在区机关大楼第一接待室主持召开专题会议", "", [], []) == ["区机关大楼第一接待室"]
    assert direct_answer("venue", "会议认为,全区各部门要共同努力。", "", [], []) == []


def test_a_chair_asked_by_post_must_hold_it():
    from qa.language.extract import can_answer

    opening = "7月20日,市长张成中主持召开市政府常务会议。"
    assert people(opening, "会议由哪位副市长主持？") == [] and not can_answer("person", opening, "会议由哪位副市长主持？")
    assert people(opening, "会议由哪位市长主持？") == ["张成中（市长）"]
    assert people("副区长王喜宾主持会议,区长杨海三出席", "由哪位副区长主持？") == ["王喜宾（副区长）"]


def test_the_post_a_named_person_holds():
    from qa.language.extract import can_answer, posts_held

    for q in ("张三担任什么职务？", "張三是什麼職務？", "钱七是做什么的？", "张三的职务是什么？", "What position does Zhang San hold?", "What is Qian Qi's post?"):
        assert analyse(q).kind == "post", q
    for q in ("谁担任市长？", "Who is the mayor?", "会议研究了什么？", "What is the title of the plan?"):
        assert analyse(q).kind != "post", q
    assert posts_held(MEETING, "张三担任什么职务？") == ["市委副书记、市长"]
    assert posts_held(ATTEND, "钱七是做什么的？") == ["市政府秘书长"]
    assert posts_held(ATTEND, "王五是什么职务？") == ["市领导"]
    # in English the person is named in pinyin, either name order
    assert posts_held(MEETING, "What position does Zhang San hold?") == ["市委副书记、市长"]
    assert posts_held(MEETING, "What post does San Zhang hold?") == ["市委副书记、市长"]
    # a person the quote does not name, or names without a post, has no answer there
    assert posts_held(MEETING, "李明担任什么职务？") == [] and not can_answer("post", MEETING, "李明担任什么职务？")
    assert posts_held("张三主持召开会议。", "张三担任什么职务？") == []


def test_the_head_of_a_body_is_a_post_the_answer_must_hold():
    from qa.language.extract import can_answer

    # "融媒体中心的负责人是谁": the leaders who attended hold no such post
    assert people(ATTEND, "某市日报的负责人是谁？") == [] and not can_answer("person", ATTEND, "某市日报的负责人是谁？")
    assert people("市交通局负责人王八汇报了工作。", "交通局负责人是谁？") == ["王八（市交通局负责人）"]


def test_which_of_the_documents_is_a_document_question_any_title_may_answer():
    from qa.language.extract import can_answer

    for q in ("通过的文件中哪些和改革有关？", "会议通过的文件中，哪个与固体废弃物有关？", "審議的方案裡哪一項涉及交通？"):
        assert analyse(q).kind == DOCUMENTS, q
    assert analyse("哪些地方开展试点？").kind != DOCUMENTS
    # the topic in other words than the title's ("老年人" / 老年助餐): any titled passage may answer
    text = "会议审议通过《积极发展老年助餐服务行动方案》。"
    assert can_answer(DOCUMENTS, text, "通过的文件中哪个与老年人有关？", ["老年人"])
    assert not can_answer(DOCUMENTS, text, "哪些老年人文件获得通过？", ["老年人"])  # the topic names the documents: literal
    assert not can_answer(DOCUMENTS, "会议强调要做好老年人服务。", "通过的文件中哪个与老年人有关？", ["老年人"])


def test_the_post_someone_chaired_as_and_those_invited():
    from qa.language.extract import invited, posts_held

    for q in ("张三以什么身份主持会议？", "会议主持人是什么职务？", "In what capacity did Zhang San chair the meeting?"):
        assert analyse(q).kind == "post", q
        assert posts_held(MEETING, q) == ["市委副书记、市长"], q
    # a chair the question names but the communiqué does not: no answer, not the actual chair's post
    assert posts_held(MEETING, "李明以什么身份主持会议？") == []
    assert posts_held(MEETING, "In what capacity did Li Ming chair the meeting?") == []
    assert analyse("会议要求强化哪几个方面？").kind == LIST and analyse("会议要求强化几个方面？").kind == "count"
    assert invited(ATTEND) == ["某市日报", "某市电视台"]
    assert people(ATTEND, "会议还邀请了谁参加？") == ["某市日报", "某市电视台"]
    assert people("会议邀请部分全国人大代表、全国政协委员列席。", "Who was invited?") == ["部分全国人大代表", "全国政协委员"]
    assert people(ATTEND, "谁参加了会议？")[:3] == ["李四", "王五", "赵六"]


def test_who_did_an_act_other_than_chairing_or_attending():
    from qa.language.extract import actors, asked_act

    assert asked_act("1月31日的市政府常务会议请谁授课？") == "授课" and asked_act("谁作了报告？") == "作了报告"
    assert asked_act("谁主持会议并讲话？") == "" and asked_act("谁参加了会议？") == ""
    lecture = "会议举行专题学法讲座,湖南大学法学院教授、市政府法律顾问屈茂辉以“在法治轨道上”为题进行了授课。"
    opening = "1月31日下午,市长陈恢清主持召开市政府常务会议,邀请法律专家授课,研究重点任务。"
    assert actors(lecture, "授课") == ["屈茂辉"]
    assert people(opening, "请谁授课？") == []  # the chair did not lecture; this passage names no lecturer
    assert people(lecture, "请谁授课？") == ["屈茂辉"]
    assert actors("会议听取了国家发展改革委关于经济运行情况的汇报，", "汇报") == ["国家发展改革委"]
    assert actors("副市长李四就防汛工作作了汇报。", "汇报") == ["李四（副市长）"]


def test_more_posts_counts_of_days_and_reports_heard_from_a_post():
    found = people("会议传达学习中央政治局常委、全国人大常委会委员长赵乐际在福建调研时的讲话精神", "哪位全国人大常委会委员长？")
    assert len(found) == 1 and found[0].startswith("赵乐际（") and "委员长" in found[0]
    assert analyse("会议决定国庆节放假几天？").kind == "count" and analyse("会议是几月几日召开的？").kind == DATE
    # the meeting named by its chair is no "谁主持" question; a post asked for must be held
    question = "张百顺主持的会议听取了哪位副市长的汇报？"
    assert people("会议听取市直有关部门情况汇报。", question) == [] and people("会议听取市直有关部门情况汇报。", "谁作了汇报？") == ["市直有关部门"]
    assert people("副市长李四就防汛工作作了汇报。", question) == ["李四（副市长）"]


def test_what_someone_of_a_post_did():
    from qa.language.extract import acts_of, can_answer

    text = "区委副书记、区长杨海三出席会议并讲话,区委常委、副区长王喜宾主持会议,区政府领导班子成员参加会议。"
    assert analyse("西岗区区长在全体会议上做了什么？").kind == "act"
    assert analyse("会议做了什么？").kind != "act"  # no one named: what the meeting did
    assert acts_of(text, "西岗区区长在全体会议上做了什么？") == ["出席会议并讲话"]
    assert acts_of(text, "副区长做了什么？") == ["主持会议"]
    assert not can_answer("act", "会议研究了有关工作。", "区长做了什么？")


def test_when_something_takes_effect_is_not_the_meeting_day():
    from qa.language.extract import can_answer, direct_answer
    from qa.language.meeting import asks_meeting

    asked = "《某市财政资金管理办法》自哪一天起施行？"
    assert not can_answer(DATE, MEETING, asked)  # only the meeting's day: "not found"
    stated = MEETING + "办法自2024年5月1日起施行。"
    assert can_answer(DATE, stated, asked)
    assert direct_answer(DATE, stated, asked, [], []) == ["2024年5月1日"]
    assert direct_answer(DATE, stated, "会议是哪一天召开的？", [], []) == ["3月2日"]
    assert can_answer(DATE, MEETING, "When will the fiscal measures take effect?") is False
    assert not asks_meeting("审议通过的《某市财政资金管理办法》自哪天起施行？", "zh", DATE)
    assert asks_meeting("哪一天审议通过了《某市财政资金管理办法》？", "zh", DATE)


def test_reports_listed_without_title_marks_can_answer_which_reports():
    from qa.language.extract import can_answer, direct_answer

    text = "会议研究了市政府工作报告、2024年财政预算执行情况的报告等事项。"
    assert can_answer(DOCUMENTS, text, "会议研究了哪些报告？", ["研究"])
    assert direct_answer(DOCUMENTS, text, "会议研究了哪些报告？", [], ["研究"]) == ["市政府工作报告", "2024年财政预算执行情况的报告"]
    assert not can_answer(DOCUMENTS, "会议研究了安全生产、防汛抗旱等工作。", "会议研究了哪些报告？", ["研究"])


def test_a_gap_is_filled_where_the_text_repeats_the_words_around_it():
    from qa.language.extract import cloze

    heard = "会议研究了区政务中心办公用房租赁等事宜,听取了区消防救援大队关于2023年度灭火救援装备建设计划的汇报。"
    assert cloze(heard, "会议听取了区消防救援大队关于什么的汇报？") == "2023年度灭火救援装备建设计划"
    kept = "各街道要把提升市容环境作为一项重要工作来抓,坚持建管并重、疏堵结合,不断提升城区形象。"
    assert cloze(kept, "提升市容环境要坚持什么？") == ""  # "坚持" alone, nothing after the gap: too short to place it
    assert cloze(kept, "各街道要不断提升什么？") == "城区形象"  # a longer run, once in the text: to the clause's end
    assert cloze("要立足于“防大汛、抗大灾、抢大险”,坚持预防为主。", "防汛工作要立足于什么？") == "防大汛、抗大灾、抢大险"  # to the clause's end
    assert cloze("要立足于防大汛,又要立足于抗大灾。", "防汛工作要立足于什么？") == ""  # the run occurs twice
    assert cloze("深挖赛事潜力,放大“票根经济”效应。", "假期要放大什么经济效应？") == "票根经济"  # the whole quotation
    assert cloze(heard, "会议批准了什么规划？") == ""  # the text does not repeat the words before the gap
    assert cloze(heard, "会议是什么时候召开的？") == ""  # "会议" names the meeting, not what fills the gap


def test_a_list_after_the_questions_own_verb_holds_every_word_of_the_noun_asked():
    from qa.language.extract import list_as_asked

    text = "听取《政府工作报告》任务分解情况、一季度大气污染防治工作情况、一季度招商引资工作情况以及一季度主要经济指标完成情况。"
    assert list_as_asked(text, "会议听取了哪些一季度工作情况？") == ["一季度大气污染防治工作情况", "一季度招商引资工作情况", "一季度主要经济指标完成情况"]
    assert len(list_as_asked(text, "会议听取了哪些工作情况？")) == 4  # "以及" joins the last item
    assert list_as_asked(text, "会议听取了哪些旅游项目情况？") == []  # no item is on tourism
    assert list_as_asked(text, "会议研究了哪些一季度工作情况？") == []  # not the verb the text lists after
    assert list_as_asked(text, "会议有哪些一季度工作情况？") == []


def test_a_money_question_is_answered_by_a_sum_of_money():
    from qa.language.extract import can_answer, direct_answer
    from qa.language.question import AMOUNT

    text = "会议安排资金3.5亿元,建设日处理200吨的垃圾处理厂,实施20项民生实事。"
    assert direct_answer(AMOUNT, text, "会议安排了多少资金？", [], []) == ["3.5亿元"]
    assert direct_answer(AMOUNT, text, "处理厂的规模是多少？", [], []) == ["3.5亿元", "200吨", "20项"]
    assert not can_answer(AMOUNT, "会议部署了20项民生实事。", "How much did the district budget for firefighting equipment?")
    assert can_answer(AMOUNT, "会议部署了20项民生实事。", "民生实事有多少？")


def test_a_chair_or_invited_guest_named_with_a_courtesy_word_is_found():
    from qa.language.extract import chairs

    assert chairs("11月2日下午,区委副书记、区长戴斌同志在区府1729会议室主持召开了区政府常务会议。") == ["戴斌（区委副书记、区长）"]
    assert people("区人大常委会副主任周文文,区政协副主席何宝兵应邀列席会议。", "哪位区政协副主席列席了会议？") == ["何宝兵（区政协副主席）"]


def test_which_with_no_plural_asks_for_one_thing():
    assert analyse("Which system should flood prevention be combined with?").kind == PHRASE
    assert analyse("Which first-quarter reports did the district meeting hear?").kind == LIST
    assert analyse("Which units attended the meeting?").kind == LIST


def test_how_long_is_answered_by_a_length_of_time_never_a_date():
    from qa.language.extract import can_answer, direct_answer
    from qa.language.question import DURATION, analyse

    question = "第49次常务会议同意地块延期开工多久？"
    assert analyse(question).kind == DURATION == analyse("How long was the start of works postponed?").kind
    heard = "8月24日,县长郭海磊主持召开会议,听取县自然资源和规划局关于地块申请延期开工的汇报。"
    assert direct_answer(DURATION, heard, question, ["延期开工"], ["延期开工"]) == [] and not can_answer(DURATION, heard, question)
    agreed = "会议同意地块延期开工6个月,其余项目于2024年3月前开工,手续在30个工作日内办结。"
    assert direct_answer(DURATION, agreed, question, ["延期开工"], ["延期开工"]) == ["6个月"]
    assert direct_answer(DURATION, agreed, "手续要在多长时间内办结？", ["手续", "办结"], ["手续", "办结"]) == ["30个工作日"]


def test_titles_side_by_side_are_the_items_of_a_list():
    from qa.language.extract import listed

    text = "审定了《现代农业园区建设推进方案》《住房建设管理办法(试行)》《投资协议书》和《湖滨生态建设项目实施方案》等议题。"
    assert listed(text, ["审定"]) == ["《现代农业园区建设推进方案》", "《住房建设管理办法(试行)》", "《投资协议书》", "《湖滨生态建设项目实施方案》"]
    assert listed("会议审议了《某某方案》。", ["审议"]) == []  # one title is no list


def test_a_day_followed_by_during_asks_no_date():
    assert analyse("龙湖区要求节假日期间严格执行什么值班制度？").kind == PHRASE  # 节假日 + 期间, not 日期
    assert analyse("会议召开的日期是哪天？").kind == DATE


def test_names_listed_with_the_last_joined_by_and_attended():
    text = "6月17日,副区长张超在区政府一号楼三楼会议室主持召开区政府第9次常务会议,王喜峰、韩纬达、苏祖翔和胡树杰参加会议。"
    attended = ["王喜峰", "韩纬达", "苏祖翔", "胡树杰"]
    assert people(text, "第9次常务会议有哪些人参加？") == attended
    assert people(text, "Who attended the 9th executive meeting?") == attended  # not the chair


def test_one_item_a_sentence_is_a_list_as_asked():
    from qa.language.extract import list_as_asked

    question = "区政府第70次常务会议听取了哪些汇报？"
    assert list_as_asked("会议听取了关于全区招商引资工作情况的汇报。", question) == ["关于全区招商引资工作情况的汇报"]
    assert list_as_asked("会议研究了招商引资工作。", question) == []  # not the verb asked
    assert list_as_asked("会议听取了招商引资工作情况。", question) == []  # not the noun asked (汇报)


def test_people_counted_by_the_post_they_hold():
    from qa.language.extract import counted_holders

    text = "区委副书记、区长宋华东主持;副区长王胜男、李强、盛振亮出席。"
    assert counted_holders(text, "区政府第70次常务会议有几位副区长出席？") == ["王胜男（副区长）", "李强（副区长）", "盛振亮（副区长）"]
    assert counted_holders(text, "会议听取了几个汇报？") == []  # no people counted by a post
    assert counted_holders("县政府班子成员参加会议。", "有几位副县长出席？") == []


def test_leaders_of_any_level_and_a_name_before_its_post():
    from qa.language.extract import list_as_asked
    from qa.language.question import PERSON

    text = "12月18日,区长李旭召开区政府第63次常务会议。区领导胡汪兴、陈福建、管迎悦、马健、陈进出席会议。"
    question = "哪些区领导出席了第63次区政府常务会议？"
    assert analyse(question).kind == PERSON and analyse("哪些县领导参加了会议？").kind == PERSON
    assert people(text, question) == ["胡汪兴", "陈福建", "管迎悦", "马健", "陈进"]
    instructed = "传达学习习近平总书记对案件作出的重要指示和李强总理批示精神"
    assert "李强（总理）" in people(instructed, "传达学习了哪位总理的批示精神？")
    # words sharing a suffix asked for ("哪几化"): the enumeration of such words
    assert list_as_asked("推进政府决策科学化、民主化和法治化。", "政府决策要实现哪几化？") == ["科学化", "民主化", "法治化"]
    assert list_as_asked("推动作风建设常态化。", "要实现哪几化？") == []



def test_sat_in_on_is_attending_without_a_vote():
    text = "区领导胡汪兴、陈福建出席会议。副县长张三、李四列席会议。"
    assert people(text, "Who sat in on the meeting?") == ["张三（副县长）", "李四（副县长）"]
    assert people(text, "哪些人列席了会议？") == ["张三（副县长）", "李四（副县长）"]
