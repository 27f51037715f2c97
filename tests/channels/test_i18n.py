"""A message in both languages, for someone whose language nobody knows."""

from channels.i18n import in_each_language


def test_an_email_in_both_says_at_its_top_where_the_other_language_is():
    subject, body = in_each_language(
        [("Cyngor: dywedwch wrthon ni", "Helo.\n"), ("Council: tell us", "Hello.\n")],
        ["cy", "en"],
    )
    assert subject == "Cyngor: dywedwch wrthon ni / Council: tell us"
    assert body == "(English below)\n\nHelo.\n\n* * *\n\nHello.\n"
    _, english_first = in_each_language([("A", "Hello.\n"), ("B", "Helo.\n")], ["en", "cy"])
    assert english_first.startswith("(Cymraeg isod)\n\nHello.")


def test_a_text_in_both_stays_as_short_as_it_can_be():
    _, body = in_each_language([(None, "Helo."), (None, "Hello.")], ["cy", "en"])
    assert body == "Helo.\n\nHello."


def test_one_language_is_the_message_itself():
    assert in_each_language([("S", "Body\n")], ["en"]) == ("S", "Body\n")
