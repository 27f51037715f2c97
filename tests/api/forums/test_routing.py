from api.forums.definitions import RoutingRule
from api.forums.routing import Heard, below_target, heard_by, matches

PARENT_COMPLAINT = Heard(
    team="front-door",
    collection_point="closure",
    audience="parent_carer",
    themes={"reliability": frozenset({"negative"}), "caring": frozenset({"positive"})},
    sentiments=frozenset({"mixed"}),
)


def rule(**fields) -> RoutingRule:
    return RoutingRule.model_validate(fields)


def test_an_empty_rule_hears_everything():
    assert matches(rule(), PARENT_COMPLAINT)


def test_every_condition_must_hold():
    managers = rule(
        teams=["front-door"], themes=["reliability", "communication"], polarity="negative"
    )
    assert matches(managers, PARENT_COMPLAINT)
    assert not matches(rule(teams=["cin-cp"]), PARENT_COMPLAINT)
    assert not matches(rule(themes=["caring"], polarity="negative"), PARENT_COMPLAINT)
    assert matches(rule(themes=["caring"], polarity="positive"), PARENT_COMPLAINT)
    assert not matches(rule(audiences=["young_person"]), PARENT_COMPLAINT)
    assert matches(rule(sentiments=["mixed", "negative"]), PARENT_COMPLAINT)


def test_polarity_alone_means_any_theme_of_that_polarity():
    assert matches(rule(polarity="positive"), PARENT_COMPLAINT)
    no_themes = Heard(team=None, collection_point=None, audience="partner")
    assert not matches(rule(polarity="positive"), no_themes)


def test_a_forum_hears_what_any_rule_matches():
    rules = [rule(audiences=["young_person"]), rule(collection_points=["closure"])]
    assert heard_by(rules, PARENT_COMPLAINT)
    assert not heard_by([rule(statements_below_target=75)], PARENT_COMPLAINT)


def test_statements_below_target_skip_suppressed_shares():
    leaders = rule(statements_below_target=75)
    shares = {"listened_to": 0.82, "does_what_they_say": 0.71, "time_with_children": None}
    assert below_target(leaders, shares) == ["does_what_they_say"]
