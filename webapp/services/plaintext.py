"""Text people write (comments, email templates) shown as HTML: escaped first, so no markup
of theirs gets through, with links made clickable."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_LINK = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def linkified(text: str) -> Markup:
    escaped = str(escape(text))
    return Markup(_LINK.sub(lambda m: f'<a href="{m.group(0)}" rel="nofollow noopener">{m.group(0)}</a>',
                            escaped))


def paragraphs(text: str) -> Markup:
    """Blank lines as paragraphs, single line breaks as <br>."""
    blocks = [linkified(block).replace("\n", Markup("<br>\n"))
              for block in re.split(r"\n\s*\n", text.strip())]
    return Markup("\n").join(Markup("<p>") + block + Markup("</p>") for block in blocks)
