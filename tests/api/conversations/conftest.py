from tests.api.conversations.sms_world import world  # noqa: F401 - the fixture
