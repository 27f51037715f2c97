from channels.sms.segments import cost


def test_plain_english_is_gsm7_with_160_in_one_text():
    assert cost("a" * 160).segments == 1
    assert cost("a" * 160).encoding == "GSM-7"
    assert cost("a" * 161).segments == 2  # 153 a part once it is split
    assert cost("a" * 306).segments == 2
    assert cost("a" * 307).segments == 3


def test_extension_characters_count_twice():
    assert cost("€" * 80).units == 160
    assert cost("€" * 81).segments == 2


def test_a_welsh_circumflex_makes_the_whole_text_ucs2():
    text = "Rydyn ni'n cytuno â'r cynllun"
    price = cost(text)
    assert price.encoding == "UCS-2"
    assert cost("ŵ" * 70).segments == 1
    assert cost("ŷ" * 71).segments == 2  # 67 a part
    assert cost("ŷ" * 135).segments == 3


def test_emoji_take_two_units():
    assert cost("🙂").units == 2


def test_more_than_two_texts_is_flagged():
    assert not cost("a" * 306).too_long
    assert cost("a" * 307).too_long
