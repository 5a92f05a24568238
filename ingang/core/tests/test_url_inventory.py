"""Every URL declares who may use it. A page without a declared rule fails here."""

from django.urls import URLPattern, URLResolver, get_resolver

from ingang.core.permissions import Need


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = ""):  # type: ignore[no-untyped-def]
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield route, pattern


def _rule(pattern: URLPattern) -> Need | None:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    return getattr(view_class or callback, "access_rule", None)


def test_it_has_an_access_rule_on_every_url() -> None:
    undeclared = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # gated as a whole by IngangAdminSite.has_permission (test_login)
        if _rule(pattern) is None:
            undeclared.append(route)
    assert undeclared == []


def test_it_knows_no_public_page_but_sign_in_and_language() -> None:
    public = sorted(
        route
        for route, p in _walk(get_resolver().url_patterns)
        if not route.startswith("admin/") and _rule(p) is Need.PUBLIC
    )
    assert public == [
        "i18n/setlang/",
        # Enrolment of the authenticator app: opens only after a right password (enrolment.py).
        "konto/aktivera-kod/",
        "konto/logga-in/",
        "konto/logga-ut/",
        # My pages' sign-in: the demo form, and e-ID through the broker and back.
        "mina-sidor/logga-in/",
        "mina-sidor/logga-in/e-legitimation/",
        "mina-sidor/logga-in/e-legitimation/retur/",
    ]
