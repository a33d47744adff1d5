"""axe-core, run inside the real browser on the page under test."""

from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, and axe's best practices (landmarks, heading order, one main, one h1).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# GOV.UK Frontend puts aria-expanded on radios that reveal a question. The Design System team
# keep it on purpose because screen readers announce it (alphagov/govuk-frontend#979, a listed
# known issue). Only that exact finding is set aside: aria-expanded, on such a radio.
KNOWN_GOVUK_FINDING = """v => v.id === 'aria-allowed-attr' && v.nodes.every(n =>
    document.querySelector(n.target[0]).matches('input[type=radio][aria-controls^=conditional-]')
    && n.any.concat(n.all, n.none).every(c => c.data && c.data.values
        && c.data.values.every(value => value.startsWith('aria-expanded='))))"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # not a <script> tag, which the CSP would refuse
    violations = page.evaluate(
        f"""async tags => {{
            const known = {KNOWN_GOVUK_FINDING};
            const result = await axe.run(document, {{runOnly: {{type: 'tag', values: tags}}}});
            return result.violations.filter(v => !known(v)).map(v => ({{
                id: v.id, help: v.help, targets: v.nodes.map(n => n.target),
                data: v.nodes.map(n => n.any.concat(n.all, n.none).map(c => c.data)),
            }}));
        }}""",
        WCAG_TAGS,
    )
    return list(violations)


DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll('[id]')].map(element => element.id);
    return [...new Set(ids.filter((id, n) => ids.indexOf(id) !== n))];
}"""


# The error summary's links, in the order their fields come on the page: the two lists must match.
ERROR_SUMMARY_ORDER = """() => {
    const targets = [...document.querySelectorAll('.govuk-error-summary a[href^="#"]')]
        .map(link => document.getElementById(link.getAttribute('href').slice(1))).filter(Boolean);
    const onPage = [...targets].sort((a, b) =>
        a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : a === b ? 0 : 1);
    return [targets.map(t => t.id), onPage.map(t => t.id)];
}"""


def assert_accessible(page: Any) -> None:
    """axe-core's rules, every element id used once (axe no longer checks that itself), and the error
    summary listing errors in the order of the fields."""
    violations = axe_violations(page)
    assert violations == [], f"axe-core found problems on {page.url}: {violations}"
    duplicates = page.evaluate(DUPLICATE_IDS)
    assert duplicates == [], f"ids used more than once on {page.url}: {duplicates}"
    summary, on_page = page.evaluate(ERROR_SUMMARY_ORDER)
    assert summary == on_page, f"the error summary on {page.url} lists {summary}, the page asks {on_page}"
