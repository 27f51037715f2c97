from datetime import UTC, date, datetime

from api.invitations.rules import load
from api.invitations.windows import is_open, next_open

WINDOW = load().defaults.send_window
LONDON = "Europe/London"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_inside_the_window_is_now():
    tuesday_noon = utc(2026, 11, 24, 12, 0)
    assert next_open(tuesday_noon, WINDOW, timezone=LONDON) == tuesday_noon


def test_after_seven_waits_for_nine_next_morning():
    tuesday_evening = utc(2026, 11, 24, 19, 30)
    assert next_open(tuesday_evening, WINDOW, timezone=LONDON) == utc(2026, 11, 25, 9, 0)


def test_no_sundays():
    saturday_night = utc(2026, 11, 28, 20, 0)
    assert next_open(saturday_night, WINDOW, timezone=LONDON) == utc(2026, 11, 30, 9, 0)


def test_nine_in_the_morning_stays_nine_across_the_autumn_clock_change():
    # British Summer Time ends at 02:00 on Sunday 25 October 2026.
    saturday_evening_bst = utc(2026, 10, 24, 18, 30)  # 19:30 BST: closed
    opens = next_open(saturday_evening_bst, WINDOW, timezone=LONDON)
    assert opens == utc(2026, 10, 26, 9, 0)  # Monday 09:00 GMT, not 08:00
    friday_bst = utc(2026, 10, 23, 7, 0)  # 08:00 BST
    assert next_open(friday_bst, WINDOW, timezone=LONDON) == utc(2026, 10, 23, 8, 0)


def test_and_across_the_spring_clock_change():
    # British Summer Time starts at 01:00 on Sunday 29 March 2026.
    saturday_night = utc(2026, 3, 28, 22, 0)
    assert next_open(saturday_night, WINDOW, timezone=LONDON) == utc(2026, 3, 30, 8, 0)  # 09:00 BST


def test_young_people_are_not_texted_in_school_hours():
    tuesday_ten = utc(2026, 11, 24, 10, 0)
    assert next_open(tuesday_ten, WINDOW, timezone=LONDON, young_person=True) == utc(
        2026, 11, 24, 15, 30
    )
    saturday_ten = utc(2026, 11, 28, 10, 0)
    assert is_open(saturday_ten, WINDOW, timezone=LONDON, young_person=True)
    assert is_open(tuesday_ten, WINDOW, timezone=LONDON)  # adults: yes


def test_closed_dates_are_skipped():
    christmas = WINDOW.model_copy(update={"closed_dates": [date(2026, 12, 25)]})
    christmas_eve_night = utc(2026, 12, 24, 20, 0)
    assert next_open(christmas_eve_night, christmas, timezone=LONDON) == utc(2026, 12, 26, 9, 0)
