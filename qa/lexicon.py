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
POST = r"(?:副?书记|副?市长|副?省长|副?总理|国务委员|秘书长|副?主任|副?部长|副?厅长|副?局长|副?主席|副?县长|副?区长|委员|总书记)"
# The bodies a post belongs to ("市政府秘书长", "省委书记").
BODY = r"(?:市委|省委|县委|区委|党委|党组|市政府|省政府|县政府|国务院|中央|全国人大)"
# A post as a question or a claim names it: "市政府秘书长", "常务副市长".
NAMED_POST = re.compile(rf"{BODY}?(?:常务)?{POST}")
# A Chinese personal name: two or three characters.
NAME = rf"[{HAN}]{{2,3}}"

# Units of amounts and quantities ("3.5亿元", "200吨", "12个"); 人次 before 人.
AMOUNT_UNITS = r"(?:元|美元|吨|人次|人|户|个|项|家|平方米|公里|千米|亩|%)"
# Counter words after 几 / 多少 ("几位", "多少部") and after a number.
COUNTERS = "位个项份部名人家次条件种批所座"
CHINESE_DIGITS = "一二三四五六七八九十百千万亿零〇两"

# A question about which meeting or which day ("哪次会议…", "哪天…"): its answer is the
# document's date and number, not a phrase of the passage.
MEETING_QUESTION = re.compile(r"哪次|哪一次|哪天|哪一天|\bwhich (?:meeting|day)\b", re.I)

# Separators of the items of a list answer ("融媒体、广播电视台和日报社").
LIST_SEPARATOR = re.compile(r"[、，,；;]|和|及|与")
# Characters trimmed from the ends of a reader's span (a token may carry them beside the answer).
EDGE_PUNCTUATION = " \t，。、；：！？,.;:!?（）()“”\"'‘’《》「」"
