from qa.text.script import HANS, HANT, convert, display_script, language_of, to_simplified


def test_detects_language_and_script():
    assert language_of("Which fiscal documents were approved?") == "en"
    assert language_of("哪些财政文件获得通过？") == "zh"
    assert display_script("哪些财政文件获得通过？") == HANS
    assert display_script("哪些財政文件獲得通過？") == HANT
    assert display_script("Who chaired the meeting?") == HANS
    assert display_script("GDP是多少？") == HANS


def test_conversion_keeps_text_already_in_the_target_script():
    original = "市長湯方棟主持召開會議"
    assert convert(original, HANT) == original
    assert convert(original, HANS) == "市长汤方栋主持召开会议"
    assert convert("财政资金", HANT) == "財政資金"
    assert to_simplified("營商環境") == "营商环境"
