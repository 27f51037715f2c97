"""One Settings class for the whole service; every setting is an environment variable."""

from __future__ import annotations

import ipaddress
import socket
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.alerts import hours
from api.core import production

PROJECT_ROOT = Path.cwd()
DEFAULT_SQLITE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'yousaid.db'}"
PLACEHOLDER_SECRET = "change-me-in-production"  # noqa: S105 - refused in production
PLACEHOLDER_DUTY_EMAIL = "duty@yousaid.invalid"


DEMO_COUNCIL, DEMO_COUNCIL_CY = "Demo Council", "Cyngor Demo"


class Settings(BaseSettings):
    """Read from the environment (prefix YOUSAID_) or a .env file in the working directory."""

    model_config = SettingsConfigDict(env_prefix="YOUSAID_", env_file=".env", extra="ignore")
    _links_follow_serve: bool = PrivateAttr(default=False)

    environment: Literal["development", "test", "production"] = Field(
        "development", description="production refuses placeholder secrets."
    )
    database_url: str = Field(
        DEFAULT_SQLITE_URL,
        description="SQLAlchemy URL. SQLite under var/ by default; "
        "postgresql+psycopg://user@host/db at scale.",
    )
    database_pool_size: int = Field(10, description="PostgreSQL connections per process.")
    secret_key: str = Field(
        PLACEHOLDER_SECRET,
        description="The secret for signatures and keyed hashes; must be set in production.",
    )
    council_name: str = Field(DEMO_COUNCIL, description="Shown to respondents and in emails.")
    council_name_cy: str | None = Field(
        None, description="The council's Welsh name, on every Welsh page (the English if unset)."
    )
    # Welsh Language Standards: a Welsh council may set Welsh first. Every surface with both
    # languages side by side (posters, the language switch) follows it, and a visitor who has
    # not chosen a language gets the first one.
    language_order: Literal["en-cy", "cy-en"] = Field(
        "en-cy",
        description="Which language comes first where both stand side by side, and the one a "
        "visitor sees before choosing: cy-en for Welsh first.",
    )
    # The privacy notice and accessibility statement (frontend/notices.py): the parts only the
    # council can say. Unset, the pages say who to ask rather than inventing a contact.
    privacy_contact: str | None = Field(
        None, description="How to reach the council's data protection officer (email or address)."
    )
    ico_registration: str | None = Field(
        None, description="The council's registration number with the Information Commissioner."
    )
    answers_kept_for: str | None = Field(
        None,
        description='How long answers are kept, in words ("6 years"), from the council\'s '
        "retention schedule.",
    )
    answers_kept_for_cy: str | None = Field(None, description="The same, in Welsh.")
    accessibility_contact: str | None = Field(
        None, description="Where to report an accessibility problem (email or phone)."
    )
    accessibility_checked_on: date = Field(
        date(2026, 12, 2),
        description="When the accessibility statement was last reviewed against WCAG 2.2.",
    )
    public_base_url: str = Field(
        "",
        description="The URL the public reaches us at (links in texts, webhook signatures). "
        "Unset: the host and port `yousaid serve` listens on; must be set in production.",
    )
    timezone: str = Field("Europe/London", description="Dates, months and send windows.")
    host: str = Field("127.0.0.1", description="Where `yousaid serve` listens.")
    port: int = Field(8000, description="Where `yousaid serve` listens.")
    max_request_bytes: int = Field(
        1_000_000, description="Bodies larger than this get 413 before they are read."
    )
    suppress_pct_below: int = Field(
        10, description="Groups with fewer answers than this get no percentage."
    )
    suppress_count_below: int = Field(
        5, description="Counts from 1 up to this (exclusive) show as '<5'."
    )
    collection_points_file: Path | None = Field(
        None, description="A YAML file of the council's own collection points (see README)."
    )
    taxonomy_file: Path | None = Field(
        None, description="A council's own theme taxonomy (YAML, shape of analysis/data)."
    )
    duty_emails: str = Field(
        PLACEHOLDER_DUTY_EMAIL,
        description="Comma-separated duty/front-door addresses told at once of a safeguarding "
        "alert (a link, never the text). Must be set in production.",
    )
    email_provider: Literal["outbox", "smtp", "notify"] = Field(
        "outbox",
        description="outbox writes .eml files under var/outbox; smtp sends; notify sends "
        "through GOV.UK Notify.",
    )
    outbox_dir: Path = Field(PROJECT_ROOT / "var" / "outbox", description="Where outbox mail goes.")
    email_from: str = Field("YouSaid <yousaid@localhost>", description="The From of every email.")
    smtp_host: str = Field("localhost", description="SMTP server (email_provider=smtp).")
    smtp_port: int = Field(25, description="SMTP port.")
    smtp_username: str | None = Field(None, description="SMTP login, if the server needs one.")
    smtp_password: str | None = Field(None, description="SMTP password.")
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP connection with STARTTLS.")
    smtp_timeout_seconds: float = Field(10.0, description="Give up on a silent SMTP server.")
    brand_colour: str = Field(
        "#1d4f91", pattern=r"^#[0-9a-fA-F]{6}$", description="The council's colour on public pages."
    )
    logo_file: Path | None = Field(
        None, description="The council's logo (PNG, SVG or JPEG) for the public pages' header."
    )
    redis_url: str | None = Field(
        None, description="redis://host:6379/0 to share the form rate limit across replicas."
    )
    form_draft_idle_hours: int = Field(
        48, description="A web form left this long becomes a partial response (nothing is lost)."
    )
    # A walk through the longest form (parent-carer, 11 questions) is at most 14 posts: Start,
    # 11 answers, the help-now box and the carry-on-or-start-again choice. A class of 30
    # children on one school network, each walking it twice (or correcting every answer), is
    # 30 x 14 x 2 = 840 posts in 10 minutes from one address; 1,000 leaves room for a few more.
    form_posts_per_10_minutes: int = Field(
        1000,
        ge=1,
        description="Form posts from one address in 10 minutes (a school or family centre "
        "shares one) before a 429 page: the ceiling that stops a flood.",
    )
    # One form session (one draft cookie): the longest form walked twice with every answer
    # given twice is 4 x 14 = 56 posts, so 60 stops only someone (or something) hammering.
    form_posts_per_draft_per_10_minutes: int = Field(
        60,
        ge=1,
        description="Form posts one form session (its draft cookie) may make in 10 minutes "
        "before a 429 page.",
    )
    trusted_proxies: str = Field(
        "127.0.0.1",
        description="Comma-separated addresses or CIDRs of the proxies and load balancers whose "
        "X-Forwarded-For is believed (uvicorn's forwarded_allow_ips). '*' trusts anyone.",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: str) -> str:
        # A typo must stop the service starting: uvicorn would quietly trust nobody (every
        # visitor sharing the proxy's rate-limit bucket) or take it as a socket path.
        for entry in (part.strip() for part in value.split(",")):
            if entry and entry != "*":
                try:
                    ipaddress.ip_network(entry, strict=False)
                except ValueError:
                    raise ValueError(
                        f"YOUSAID_TRUSTED_PROXIES: {entry!r} is not an address or CIDR"
                    ) from None
        return value

    sign_in_posts_per_10_minutes: int = Field(
        60,
        ge=1,
        description="Staff sign-in attempts from one address in 10 minutes before a "
        "'too many tries' page (accounts also lock on their own).",
    )
    learning_min_reviews: int = Field(
        200, description="Reviewed answers needed before the council's own model is trained."
    )
    second_reading: bool = Field(
        True,
        description="After the fast analysis, the worker reads each answer again with the "
        "sentence encoder (decision 50); it can only add an alert or a concern.",
    )
    worker_in_process: bool = Field(
        True, description="`yousaid serve` also runs the job worker (SQLite default)."
    )
    worker_poll_seconds: float = Field(2.0, description="How often the worker looks for due jobs.")
    opentelemetry: bool = Field(
        False,
        description="FastAPI's native OpenTelemetry spans, metrics and logs (with the providers "
        "your deployment configures). Off, it costs nothing per request.",
    )
    encryption_keys: str | None = Field(
        None,
        description="Comma-separated Fernet keys for phone numbers and email addresses at rest, "
        "newest first (older ones still decrypt). Derived from the secret key in development; "
        "must be set in production.",
    )
    contact_retention_days: int = Field(
        30,
        ge=0,
        description="Days after an invitation ends before its number or address is erased.",
    )
    # Retention (decision 43): how long each kind of data is kept, carried out each day by
    # the `retention.run` job. Alerts are child-protection records: never kept for less time
    # than the audit trail that shows who handled them (checked below).
    retention_raw_text_days: int = Field(
        90,
        ge=0,
        description="Days after an answer is analysed before its raw words are replaced by "
        "the copy with names, numbers and addresses taken out (and a given name is erased).",
    )
    retention_free_text_days: int = Field(
        730,
        ge=0,
        description="Days after an answer is given before the words in it (raw and redacted) "
        "are deleted; its scores, choices and themes stay as anonymous figures.",
    )
    retention_audit_days: int = Field(
        2190, ge=0, description="Days an audit event (who saw or did what) is kept."
    )
    retention_alert_days: int = Field(
        2190,
        ge=0,
        description="Days after a safeguarding alert is closed before its notes, offered "
        "contact and the words behind it are removed (the alert stays, counted). Not less "
        "than retention_audit_days.",
    )
    retention_digest_days: int = Field(
        730,
        ge=0,
        description="Days a sent digest's archived copy (figures and redacted quotes) is kept; "
        "the record that it was sent stays.",
    )
    retention_batch_size: int = Field(
        500, ge=1, description="Rows the retention job changes per committed batch."
    )
    forums_file: Path | None = Field(
        None,
        description="The council's practice forums (YAML, shape of api/forums/demo-forums.yaml).",
    )
    characteristics_file: Path | None = Field(
        None,
        description="Characteristics case events may send, only to be counted (YAML, shape of "
        "api/invitations/characteristics-example.yaml); none accepted without it.",
    )
    invitation_rules_file: Path | None = Field(
        None, description="The council's own invitation rules (YAML, shape of api/invitations)."
    )
    council_phone: str = Field(
        "01632 960000", description="The number a HELP text gives; must be set in production."
    )
    sms_provider: Literal["outbox", "twilio", "notify"] = Field(
        "outbox",
        description="outbox keeps texts in the database (and the simulator); twilio or notify "
        "(GOV.UK Notify) sends.",
    )
    sms_per_second: float = Field(
        1.0, ge=0, description="Texts a sender may send a second, across all workers (0: no limit)."
    )
    sms_keyword_replies_by_provider: bool = Field(
        False,
        description="The provider already answers STOP, START and HELP itself (Twilio Advanced "
        "Opt-Out): we then answer only the Welsh keywords it does not know.",
    )
    twilio_account_sid: str | None = Field(None, description="Twilio account SID (ACxxx).")
    twilio_auth_token: str | None = Field(
        None, description="Twilio auth token: sends, and checks webhook signatures."
    )
    twilio_from: str | None = Field(
        None, description="A mobile number (+447...) or a Messaging Service SID (MGxxx)."
    )
    twilio_api_base_url: str = Field(
        "https://api.twilio.com", description="Twilio's REST API (a local stand-in in tests)."
    )
    twilio_timeout_seconds: float = Field(10.0, description="Give up on a silent Twilio API.")
    notify_api_key: str | None = Field(
        None,
        description="GOV.UK Notify API key ({key name}-{service id}-{secret}): a live key "
        "for texts and emails to reach people.",
    )
    notify_sms_template_id: str | None = Field(
        None,
        description="The Notify text template that is only ((body)): every text goes through it.",
    )
    notify_email_template_id: str | None = Field(
        None,
        description="The Notify email template whose subject is ((subject)) and whose body is "
        "((body)).",
    )
    notify_sms_sender_id: str | None = Field(
        None,
        description="Which of the service's text senders to use (its id in Notify's settings): "
        "the inbound number, so replies come back. Unset: the service's default sender.",
    )
    notify_callback_token: str | None = Field(
        None,
        description="The bearer token Notify sends with delivery receipts and received texts "
        "(set the same in Notify's callback settings); without it both callbacks answer 404.",
    )
    notify_api_base_url: str = Field(
        "https://api.notifications.service.gov.uk",
        description="Notify's API (a local stand-in in tests).",
    )
    notify_timeout_seconds: float = Field(10.0, description="Give up on a silent Notify API.")
    alert_acknowledge_minutes: int = Field(
        60, ge=1, description="A new safeguarding alert should be acknowledged within this."
    )
    alert_escalation_emails: str = Field(
        "",
        description="Comma-separated addresses told, beside the duty team, when an alert is "
        "still new after alert_acknowledge_minutes (a team manager, the duty senior).",
    )
    out_of_hours_emails: str = Field(
        "",
        description="Comma-separated out-of-hours (emergency duty) addresses, told of alerts "
        "raised outside office_hours. Empty: the duty team is told at all hours.",
    )
    out_of_hours_tell_duty_team: bool = Field(
        True,
        description="Out of hours, tell the duty team too (they see it when they start).",
    )
    office_hours: str = Field(
        "Mon-Thu 08:30-17:00, Fri 08:30-16:30",
        description="When the duty team is at work, in local time ('Mon-Fri 09:00-17:00').",
    )
    bank_holidays: Literal["england", "wales", "scotland", "northern_ireland", ""] = Field(
        "england",
        description="Whose bank holidays close the office (England and Wales share them); "
        "empty for none.",
    )
    office_closed_dates: str = Field(
        "", description="Other days the office is closed, comma-separated (2026-12-29)."
    )
    front_door_phone: str = Field(
        "01632 960001",
        description="The children's services front door, shown to parents and partners who "
        "are worried about a child; must be set in production.",
    )
    out_of_hours_phone: str = Field(
        "01632 960002",
        description="The emergency duty (out-of-hours) number shown to parents and partners.",
    )
    exit_page_url: str = Field(
        "https://www.bbc.co.uk/weather",
        pattern=r"^https://",
        description="Where 'Exit this page' on the child and parent forms goes: a neutral "
        "site that gives nothing away on a shared screen.",
    )
    sms_replies_cost: Literal["free", "standard"] = Field(
        "standard",
        description="Whether replying to a survey text is free or costs a standard-rate text "
        "(the introduction says which).",
    )
    oidc_issuer: str | None = Field(
        None,
        description="Single sign-on: the OpenID Connect issuer, e.g. "
        "https://login.microsoftonline.com/<tenant id>/v2.0 for Microsoft Entra ID.",
    )
    oidc_client_id: str | None = Field(None, description="Single sign-on: the app's client id.")
    oidc_client_secret: str | None = Field(
        None, description="Single sign-on: the app's client secret (a confidential client)."
    )
    oidc_display_name: str = Field(
        "Microsoft", description="Shown on the button: 'Sign in with Microsoft'."
    )
    oidc_email_claim: str = Field(
        "email",
        description="The ID token claim holding the work email (then tried: "
        "preferred_username, upn).",
    )
    statement_target_pct: int = Field(
        75, ge=1, le=100, description="The dashboard's target share agreeing with a statement."
    )
    overview_default_period: Literal["quarter", "last-month", "3m", "12m", "month"] = Field(
        "quarter",
        description="The period the Overview opens on: the last full calendar quarter by "
        "default, so it never opens on a day or two of figures.",
    )
    staff_session_idle_minutes: int = Field(
        60, ge=5, description="A staff sign-in ends after this long without a page."
    )
    staff_session_hours: int = Field(
        10, ge=1, description="A staff sign-in ends this long after it began, whatever happens."
    )
    sign_in_attempts: int = Field(
        5, ge=3, description="Wrong passwords in a row before the account is locked."
    )
    sign_in_lock_minutes: int = Field(
        15, ge=1, description="How long a locked account stays locked (an admin can unlock it)."
    )

    teams_webhook_hosts: str = Field(
        "",
        description="Comma-separated hosts (or *.suffixes) a forum's Teams webhook may use "
        "besides Microsoft's (*.webhook.office.com, *.logic.azure.com, *.powerplatform.com); "
        "https and public addresses only, whatever this says.",
    )
    api_docs: bool | None = Field(
        None,
        description="The API docs (/docs, /redoc, /openapi.json): on outside production; in "
        "production off unless true, and then only for signed-in staff.",
    )

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "production":
            # Every unsafe setting at once, each saying what to do (api/core/production.py).
            refused = production.refusals(self)
            if refused:
                raise ValueError(
                    "YouSaid will not start in production with these settings:\n- "
                    + "\n- ".join(refused)
                )
        if self.sms_provider == "twilio" and not (
            self.twilio_account_sid and self.twilio_auth_token and self.twilio_from
        ):
            raise ValueError(
                "YOUSAID_SMS_PROVIDER=twilio needs YOUSAID_TWILIO_ACCOUNT_SID, "
                "YOUSAID_TWILIO_AUTH_TOKEN and YOUSAID_TWILIO_FROM"
            )
        notify_missing = notify_settings_missing(self)
        if notify_missing:
            raise ValueError(
                "GOV.UK Notify (YOUSAID_SMS_PROVIDER or YOUSAID_EMAIL_PROVIDER=notify) needs "
                + ", ".join(notify_missing)
            )
        if not self.public_base_url.strip():
            # (Production has refused above.) On a laptop every link (QR codes, posters,
            # texts, emails) must open where this copy listens, whatever YOUSAID_PORT says: a
            # first poster must not scan to a dead address.
            self.public_base_url = f"http://{link_host(self.host)}:{self.port}"
            self._links_follow_serve = True
        if self.retention_alert_days < self.retention_audit_days:
            raise ValueError(
                "YOUSAID_RETENTION_ALERT_DAYS must not be less than YOUSAID_RETENTION_AUDIT_DAYS: "
                "an alert is a child-protection record, kept at least as long as its audit trail"
            )
        hours.parse_days(self.office_hours)  # a typo here would silently change who is told
        hours.parse_dates(self.office_closed_dates)
        return self

    def council_name_in(self, language: str) -> str:
        """The council's name as a reader of `language` sees it. The demo council has a Welsh
        name of its own; a real council's Welsh pages show its English name until
        YOUSAID_COUNCIL_NAME_CY gives the Welsh."""
        if language != "cy":
            return self.council_name
        if self.council_name_cy:
            return self.council_name_cy
        return DEMO_COUNCIL_CY if self.council_name == DEMO_COUNCIL else self.council_name

    @property
    def languages_in_order(self) -> tuple[str, str]:
        """("cy", "en") where the council puts Welsh first, else ("en", "cy")."""
        first, second = self.language_order.split("-")
        return first, second

    @property
    def links_follow_serve(self) -> bool:
        """True when no public address was given, so links follow `yousaid serve`'s own."""
        return self._links_follow_serve

    @property
    def duty_contacts(self) -> list[str]:
        return [e.strip() for e in self.duty_emails.split(",") if e.strip()]

    @property
    def escalation_contacts(self) -> list[str]:
        return [e.strip() for e in self.alert_escalation_emails.split(",") if e.strip()]

    @property
    def out_of_hours_contacts(self) -> list[str]:
        return [e.strip() for e in self.out_of_hours_emails.split(",") if e.strip()]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def teams_webhook_policy(self) -> dict[str, Any]:
        """How channels/teams checks a webhook address: the extra hosts, and loopback only for
        the test suite's own stand-in."""
        hosts = tuple(h.strip() for h in self.teams_webhook_hosts.split(",") if h.strip())
        return {
            "other_hosts": hosts,
            "allow_loopback": self.environment == "test",
        }

    @property
    def shows_api_docs(self) -> bool:
        """Whether /docs, /redoc and /openapi.json are served (to staff only in production)."""
        return self.api_docs if self.api_docs is not None else self.environment != "production"


def notify_settings_missing(settings: Settings) -> list[str]:
    """The Notify settings a chosen Notify channel cannot send without (any environment: like
    Twilio without credentials, every send would fail)."""
    missing: list[str] = []
    uses_sms = settings.sms_provider == "notify"
    uses_email = settings.email_provider == "notify"
    if (uses_sms or uses_email) and not _looks_like_notify_key(settings.notify_api_key or ""):
        missing.append(
            "YOUSAID_NOTIFY_API_KEY (key name, service id and secret, as Notify gives it)"
        )
    if uses_sms and not settings.notify_sms_template_id:
        missing.append("YOUSAID_NOTIFY_SMS_TEMPLATE_ID")
    if uses_email and not settings.notify_email_template_id:
        missing.append("YOUSAID_NOTIFY_EMAIL_TEMPLATE_ID")
    if uses_sms and not settings.notify_callback_token:
        # Without it no receipt and no reply can be believed: a two-way survey cannot work.
        missing.append("YOUSAID_NOTIFY_CALLBACK_TOKEN")
    return missing


def _looks_like_notify_key(key: str) -> bool:
    # The client library takes the service id and secret from the last 73 characters.
    return len(key) >= 74 and key[-37] == "-" and key[-74] == "-"


def link_host(host: str) -> str:
    """The host a link can name for a server listening on `host`. Listening on every address
    (0.0.0.0, ::) means "reachable from this network", so links use this machine's own address
    on it, which a phone on the same Wi-Fi can open; 127.0.0.1 when there is no network."""
    if host not in ("0.0.0.0", "::", ""):  # noqa: S104 - comparing, not binding
        return f"[{host}]" if ":" in host else host
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            # A UDP connect sends nothing: it only asks the kernel which address would be used.
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"


@lru_cache
def get_settings() -> Settings:
    """The process's settings; tests call get_settings.cache_clear() after changing the env."""
    return Settings()
