"""Every URL x every role, against the one permission table in victimsrights/permissions.py."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.permissions import RULES, Audience

pytestmark = pytest.mark.usefixtures("london")

# Example arguments for URLs that take them. A new URL with arguments must be added here.
SAMPLE_KWARGS = {
    "reporting:step": {"slug": "what-happened"},
}
ROLES = [None, *Role]  # None: a member of the public or a victim, not signed in


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    names = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names += named_urls(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"Every URL needs a name so it can have a rule: {entry.pattern}"
            names.append(f"{namespace}{entry.name}")
    return names


ALL_URLS = named_urls()


def test_every_url_has_a_rule_and_every_rule_has_a_url():
    assert sorted(set(ALL_URLS) - set(RULES)) == []
    assert sorted(set(RULES) - set(ALL_URLS)) == []


def test_no_staff_page_is_left_open_to_the_public():
    staff_pages = {name for name in ALL_URLS if name.startswith(("accounts:home",))}
    for name in staff_pages:
        assert RULES[name].audience is Audience.STAFF


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value if role else "public")
def test_each_role_opens_exactly_the_urls_the_table_allows(client, role):
    user = staff(role) if role else None
    for name in ALL_URLS:
        if user:
            client.force_login(user)  # again each time: "Exit this page" ends the session
        url = reverse(name, kwargs=SAMPLE_KWARGS.get(name))
        response = client.get(url)
        refused = response.status_code == 403 or (
            response.status_code == 302 and response.url.startswith(reverse("accounts:sign-in"))
        )
        allowed = RULES[name].allows(user) if user else RULES[name].audience is Audience.PUBLIC
        assert response.status_code < 500, (name, role)
        assert refused is not allowed, f"{role or 'public'} {'was refused' if refused else 'opened'} {name}"
