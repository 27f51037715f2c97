"""Every word a digest says that is not a name, in English and Welsh.

Names (themes, statements, surveys, channels, teams, months and days) come from the one
vocabulary, api/surveys/names.py; the sentences around them are here, so the plain part, the
HTML part and the chart descriptions say the same thing in the same language. The Welsh is for
the council's Welsh language officer to check (needs_review), like the surveys' own.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.surveys.names import Lang

NEEDS_REVIEW = True  # the Welsh below has not yet been checked by a Welsh language officer

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "heading": "{forum}: what people told us",
        "dates": "{first} to {last}",
        "in_short": "In short",
        "better": "Clearly better ({wide} against {before}): {items}.",
        "worse": "Clearly worse ({wide} against {before}): {items}.",
        "neither": "Nothing clearly better or worse than before.",
        "summary_rule": "Only changes beyond chance count (Fisher's exact test on the counts,"
        " p < 0.05).",
        "responses": "Responses: {n}",
        "read_them": "Read them in YouSaid",
        "read_them_plain": "Read them: {url}",
        "how_they_answered": "How they answered",
        "responses_column": "Responses",
        "share_agreeing": "{survey}: share agreeing",
        "share_agreeing_plain": "{survey}: share agreeing ({meaning})",
        # What "agreeing" is on the table's scale: the youngest answer with three faces.
        "agreeing_five": "4 or 5 of 5",
        "agreeing_faces": "the happy face, of three",
        "share_note": "Agreeing means {meaning}. A {kind} is rarely enough answers for a share,"
        " so each statement also shows {wide}, and its change on {before}. No share is given"
        " from fewer than 10 answers; counts of 1 to 4 show as <5.",
        "share_note_plain": "A {kind} is rarely enough for a share, so each statement also shows"
        " {wide}.",
        "statement": "Statement",
        "answers_in": "Answers {period}",
        "agreeing_in": "Agreeing, {wide}",
        "change": "Change",
        "who_disagreed": "Who disagreed {period}",
        "pct_agreeing": "{pct}% agreeing",
        "too_few": "too few answers",
        "of_answers": "of {n} answers",
        "answers_n": "{n} answers",
        "interval": "95%: {low}–{high}%",
        "up": "▲ up {n}",
        "down": "▼ down {n}",
        "no_change": "no change",
        "point": "point",
        "points": "points",
        "clear": "clearly",
        "maybe_chance": "may be chance",
        "on": "on {before}",
        "last_months": "last {n} months: {values}",
        "below_target": "Below target",
        "more_often": "Mentioned more often than in {baseline}",
        "less_often": "Mentioned less often than in {baseline}",
        "theme_counts": "{now} responses {period}, {before} before",
        "mentioned_more": "{theme} mentioned more often",
        "mentioned_less": "{theme} mentioned less often",
        "baseline_weeks": "the {n} weeks before ({first} to {last})",
        "noise": "Only changes beyond chance are listed (Fisher's exact test on the counts,"
        " p < 0.05).",
        "in_their_words": "In their words",
        "removed": "Names, numbers and addresses removed.",
        "in_their_words_plain": "In their words (names, numbers and addresses removed):",
        "alerts": "Safeguarding alerts",
        "alerts_note": "Exact numbers, as the alerts queue counts them today.",
        "alerts_plain": "Safeguarding alerts (exact numbers, as in the alerts queue):",
        "team": "Team",
        "open": "Open",
        "by_status": "By status",
        "raised_in": "Raised {period}",
        "none": "None",
        "alerts_line": "{team}: {open} open; {raised} raised {period}",
        "all_teams": "All teams",
        "not_heard": "Who we are not hearing ({wide})",
        "not_heard_counts": "Case events named {caseload} people; {invited} were invited and"
        " {responded} answered.",
        "not_heard_gap": "{group}: {pct}% of those invited answered, against {rest}% of"
        " everyone else invited.",
        "not_heard_none": "No group answered well below the rest.",
        "not_heard_rule": "A group is named when it answered less often than the rest and"
        " Fisher's exact test on the counts gives p < 0.05; groups with fewer than 10"
        " invitations are not compared.",
        "no_point": "no collection point",
        "age_0-4": "Aged 0 to 4",
        "age_5-7": "Aged 5 to 7",
        "age_8-12": "Aged 8 to 12",
        "age_13-17": "Aged 13 to 17",
        "age_18+": "Care leavers, 18 and over",
        "language_en": "English",
        "language_cy": "Welsh",
        "concerns": "Possible concerns waiting to be read: {n} ({overdue} overdue).",
        "concerns_note": "They are listed in YouSaid for a person to read within a working day.",
        "actions": "You said, we did (open)",
        "you_said": "You said:",
        "we_are": "We are:",
        "due": "due {day}",
        "see_in_yousaid": "See these responses in YouSaid",
        "more_plain": "More in YouSaid: {url}",
        "chart_alt": "Share agreeing by month. {points}.",
        "target": "Target {n}%.",
        "other_language": "Mae'r crynodeb hwn yn Gymraeg hefyd: gweler isod.",
        "subject": "{council} – {forum}: feedback, {period}",
        "week": "week",
        "fortnight": "fortnight",
        "month": "month",
        "quarter": "quarter",
        "this_week": "this week",
        "this_fortnight": "this fortnight",
        "this_month": "this month",
        "this_quarter": "this quarter",
        "status_planned": "Planned",
        "status_in_progress": "In progress",
        "status_done": "Done",
    },
    "cy": {
        "heading": "{forum}: beth ddywedodd pobl wrthym",
        "dates": "{first} i {last}",
        "in_short": "Yn fyr",
        "better": "Yn amlwg yn well ({wide}; cyn hynny: {before}): {items}.",
        "worse": "Yn amlwg yn waeth ({wide}; cyn hynny: {before}): {items}.",
        "neither": "Dim byd yn amlwg yn well nac yn waeth nag o'r blaen.",
        "summary_rule": "Dim ond newidiadau y tu hwnt i siawns sy'n cyfrif (prawf union Fisher"
        " ar y cyfrifon, p < 0.05).",
        "responses": "Ymatebion: {n}",
        "read_them": "Darllenwch nhw yn YouSaid",
        "read_them_plain": "Darllenwch nhw: {url}",
        "how_they_answered": "Sut y gwnaethon nhw ateb",
        "responses_column": "Ymatebion",
        "share_agreeing": "{survey}: cyfran sy'n cytuno",
        "share_agreeing_plain": "{survey}: cyfran sy'n cytuno ({meaning})",
        "agreeing_five": "4 neu 5 o 5",
        "agreeing_faces": "y wyneb hapus, o dri",
        "share_note": "Mae cytuno'n golygu {meaning}. Anaml y mae {kind} yn rhoi digon o"
        " atebion am gyfran, felly mae pob datganiad hefyd yn dangos {wide}, a'r newid ers"
        " {before}. Ni roddir cyfran o lai na 10 ateb; dangosir cyfrifon o 1 i 4 fel <5.",
        "share_note_plain": "Anaml y mae {kind} yn ddigon am gyfran, felly mae pob datganiad"
        " hefyd yn dangos {wide}.",
        "statement": "Datganiad",
        "answers_in": "Atebion {period}",
        "agreeing_in": "Yn cytuno, {wide}",
        "change": "Newid",
        "who_disagreed": "Pwy oedd yn anghytuno {period}",
        "pct_agreeing": "{pct}% yn cytuno",
        "too_few": "dim digon o atebion",
        "of_answers": "o {n} ateb",
        "answers_n": "{n} ateb",
        "interval": "95%: {low}–{high}%",
        "up": "▲ i fyny {n}",
        "down": "▼ i lawr {n}",
        "no_change": "dim newid",
        "point": "pwynt",
        "points": "pwynt",
        "clear": "yn amlwg",
        "maybe_chance": "gall fod yn siawns",
        "on": "ers {before}",
        "last_months": "y {n} mis diwethaf: {values}",
        "below_target": "Islaw'r targed",
        "more_often": "Sonnir amdano'n amlach nag yn {baseline}",
        "less_often": "Sonnir amdano'n llai aml nag yn {baseline}",
        "theme_counts": "{now} ymateb {period}, {before} cyn hynny",
        "mentioned_more": "mwy o sôn am {theme}",
        "mentioned_less": "llai o sôn am {theme}",
        "baseline_weeks": "y {n} wythnos cyn hynny ({first} i {last})",
        "noise": "Dim ond newidiadau y tu hwnt i siawns a restrir (prawf union Fisher ar y"
        " cyfrifon, p < 0.05).",
        "in_their_words": "Yn eu geiriau eu hunain",
        "removed": "Mae enwau, rhifau a chyfeiriadau wedi'u tynnu.",
        "in_their_words_plain": "Yn eu geiriau eu hunain (enwau, rhifau a chyfeiriadau wedi'u"
        " tynnu):",
        "alerts": "Rhybuddion diogelu",
        "alerts_note": "Union rifau, fel y mae'r ciw rhybuddion yn eu cyfrif heddiw.",
        "alerts_plain": "Rhybuddion diogelu (union rifau, fel yn y ciw rhybuddion):",
        "team": "Tîm",
        "open": "Ar agor",
        "by_status": "Yn ôl statws",
        "raised_in": "Wedi'u codi {period}",
        "none": "Dim",
        "alerts_line": "{team}: {open} ar agor; {raised} wedi'u codi {period}",
        "all_teams": "Pob tîm",
        "not_heard": "Pwy nad ydym yn eu clywed ({wide})",
        "not_heard_counts": "Enwodd digwyddiadau achos {caseload} o bobl; cafodd {invited} eu"
        " gwahodd ac atebodd {responded}.",
        "not_heard_gap": "{group}: atebodd {pct}% o'r rhai a wahoddwyd, o'i gymharu â {rest}% o"
        " bawb arall a wahoddwyd.",
        "not_heard_none": "Ni atebodd unrhyw grŵp ymhell islaw'r gweddill.",
        "not_heard_rule": "Caiff grŵp ei enwi pan atebodd yn llai aml na'r gweddill a phan fydd"
        " prawf union Fisher ar y cyfrifon yn rhoi p < 0.05; ni chymherir grwpiau gyda llai na"
        " 10 gwahoddiad.",
        "no_point": "dim man casglu",
        "age_0-4": "Rhwng 0 a 4 oed",
        "age_5-7": "Rhwng 5 a 7 oed",
        "age_8-12": "Rhwng 8 a 12 oed",
        "age_13-17": "Rhwng 13 a 17 oed",
        "age_18+": "Pobl sy'n gadael gofal, 18 oed a hŷn",
        "language_en": "Saesneg",
        "language_cy": "Cymraeg",
        "concerns": "Pryderon posibl yn aros i gael eu darllen: {n} ({overdue} yn hwyr).",
        "concerns_note": "Maen nhw wedi'u rhestru yn YouSaid i rywun eu darllen o fewn diwrnod"
        " gwaith.",
        "actions": "Dywedoch chi, gwnaethom ni (ar agor)",
        "you_said": "Dywedoch chi:",
        "we_are": "Rydym yn:",
        "due": "erbyn {day}",
        "see_in_yousaid": "Gweld yr ymatebion hyn yn YouSaid",
        "more_plain": "Rhagor yn YouSaid: {url}",
        "chart_alt": "Cyfran sy'n cytuno bob mis. {points}.",
        "target": "Targed {n}%.",
        "other_language": "This digest is in English too: see below.",
        "subject": "{council} – {forum}: adborth, {period}",
        "week": "wythnos",
        "fortnight": "pythefnos",
        "month": "mis",
        "quarter": "chwarter",
        "this_week": "yr wythnos hon",
        "this_fortnight": "y pythefnos hwn",
        "this_month": "y mis hwn",
        "this_quarter": "y chwarter hwn",
        "status_planned": "Wedi'i gynllunio",
        "status_in_progress": "Ar y gweill",
        "status_done": "Wedi'i wneud",
    },
}
# Month abbreviations for a chart's axis.
SHORT_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "cy": (
        "Ion",
        "Chwef",
        "Maw",
        "Ebr",
        "Mai",
        "Meh",
        "Gorff",
        "Awst",
        "Medi",
        "Hyd",
        "Tach",
        "Rhag",
    ),
}


@dataclass(frozen=True)
class Words:
    """The digest's sentences in one language: `w("key", name=value)`."""

    lang: Lang = "en"

    def __call__(self, key: str, **values: object) -> str:
        return PHRASES[self.lang][key].format(**values)

    def kind(self, period_key: str) -> str:
        """The kind of period from its key ("2026-W48"): week, fortnight, month or quarter."""
        return self(_KINDS.get(period_key[5:6], "month"))

    def in_the_period(self, period_key: str) -> str:
        """'this week', 'yr wythnos hon' ..."""
        return self("this_" + _KINDS.get(period_key[5:6], "month"))

    def points(self, change: float) -> str:
        """'5 points' (no sign: the arrow and its word say which way)."""
        rounded = abs(round(change))
        return f"{rounded} {self('point' if rounded == 1 else 'points')}"

    def change(self, change: float) -> str:
        """'▲ up 5 points', '▼ down 1 point', 'no change': an arrow and words, never colour
        alone."""
        rounded = round(change)
        if rounded == 0:
            return self("no_change")
        return self("up" if rounded > 0 else "down", n=self.points(change))

    def share(self, pct: float | None) -> str:
        return self("too_few") if pct is None else f"{pct:.0f}%"

    def status(self, status: str) -> str:
        return self(f"status_{status}")


_KINDS = {"W": "week", "F": "fortnight", "Q": "quarter"}
