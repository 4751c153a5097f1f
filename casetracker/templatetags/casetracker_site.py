"""Template helpers of the public site: footnote markers, names that may be shown, a page's
permanent address and how to cite it."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict
from django.template.base import Parser, Token
from django.template.context import Context
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def public_or_none(record: Any) -> Any:
    """``record`` if readers may see it, else None: a draft court's name stays in the admin."""
    if record is None or not getattr(record, "is_public", True):
        return None
    return record


@register.filter
def if_public(record: Any) -> Any:
    return public_or_none(record)


@register.filter
def shown_name(person: Any) -> str:
    """The name a public page may print for a person who may be unpublished or anonymised."""
    if public_or_none(person) is None:
        return _("a person not named here")
    return str(person.public_name)


@register.inclusion_tag("casetracker/_refs.html")
def refs(numbers: list[int]) -> dict[str, Any]:
    return {"numbers": numbers}


@register.simple_tag
def with_query(query: str, **changes: Any) -> str:
    """The query string ``query`` with ``changes`` set (None removes a key)."""
    params = QueryDict(query, mutable=True)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return params.urlencode()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> str:
        # The output is already escaped as it rendered: kept safe, so it is not escaped twice.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    """``{% capture as name %}...{% endcapture %}``: renders nothing, sets ``name`` to what the
    body renders, so a block (the page's title) can be shown more than once."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def absolute_url(context: Context, path: str | None = None) -> str:
    """``path`` (by default the page's own, without its query string) as a full address; empty
    where no request is rendered (the 500 page)."""
    request = context.get("request")
    if request is None:
        return ""
    return str(request.build_absolute_uri(path if path is not None else request.path))


@register.simple_tag(takes_context=True)
def citation(context: Context, title: str, path: str) -> SafeString:
    """A suggested citation of the page at ``path`` (its permanent address), accessed today:
    "Title. Mangistau case tracker. https://…/people/x/. Accessed 3 December 2026." Without a
    title it cites the registry itself."""
    today = timezone.localdate()
    parts = {
        "site": _("Mangistau case tracker"),
        "url": format_html('<a href="{0}">{0}</a>', absolute_url(context, path)),
        # E: the month's name as a date needs it ("3 декабря 2026"), in English the plain name.
        "date": format_html(
            '<time datetime="{}">{}</time>', today.isoformat(), formats.date_format(today, "j E Y")
        ),
    }
    if not title:
        return format_html(_("{site}. {url}. Accessed {date}."), **parts)
    return format_html(
        _("{title}. {site}. {url}. Accessed {date}."),
        title=format_html("<cite>{}</cite>", title),
        **parts,
    )
