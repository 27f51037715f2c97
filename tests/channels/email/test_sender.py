from pathlib import Path

from api.core.config import Settings
from channels.email.sender import Email, OutboxSender, SmtpSender
from tests.smtp import smtp_server

EMAIL = Email(to=("duty@council.example",), subject="Test", text="Hello", html="<p>Hello</p>")


def test_smtp_sends_a_multipart_message_to_a_real_server():
    with smtp_server() as (port, received):
        settings = Settings(
            smtp_host="127.0.0.1", smtp_port=port, email_from="YouSaid <y@x.example>"
        )
        message_id = SmtpSender(settings).send(EMAIL)
    (message,) = received.messages
    assert message["To"] == "duty@council.example"
    assert message["From"] == "YouSaid <y@x.example>"
    assert message["Message-ID"] == message_id
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_body(preferencelist=("plain",)).get_content().strip() == "Hello"
    assert message.get_body(preferencelist=("html",)).get_content().strip() == "<p>Hello</p>"


def test_the_outbox_writes_each_message_to_a_file(tmp_path: Path):
    OutboxSender(tmp_path, "YouSaid <y@x.example>").send(EMAIL)
    (path,) = tmp_path.glob("*.eml")
    assert "Subject: Test" in path.read_text()
