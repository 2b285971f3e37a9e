"""Turn the card text model into Slack mrkdwn and plain_text that never pings nor breaks."""

from __future__ import annotations

import re

from bot.core.cards import Mention, Rich, Text, UserText

ZWSP = "\u200b"
FENCE = "```"
_FORMATTING = "*_~`"
_BROADCAST = re.compile(r"@(channel|here|everyone)", re.IGNORECASE)  # "@here_" too
_LINE_QUOTE = re.compile(r"^&gt;", re.MULTILINE)
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")
_MARKUP = re.compile(r"`|\*\*")  # where trusted markup may change: code marks and bold


def escape(text: str) -> str:
    """Escape the three characters Slack reads as markup: &, < and >."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def literal(text: str) -> str:
    """Show member text as typed: escaped, with every formatting character made inert."""
    out = _BROADCAST.sub(lambda m: f"@{ZWSP}{m.group(1)}", escape(text))
    for char in _FORMATTING:
        # A zero-width space on both sides leaves no word boundary, so Slack formats nothing.
        out = out.replace(char, f"{ZWSP}{char}{ZWSP}")
    return _LINE_QUOTE.sub(f"{ZWSP}&gt;", out)  # a member's ">" never starts a quote


def mention(user_id: str) -> str:
    """Mention one member; anything that is not a user id is shown literally."""
    if _USER_ID.fullmatch(user_id):
        return f"<@{user_id}>"
    return literal(f"@{user_id}")


def mrkdwn(text: Text) -> str:
    """Render trusted markup, member text and mentions as Slack mrkdwn."""
    parts = text.parts if isinstance(text, Rich) else (text,)
    out: list[str] = []
    fence: str | None = None
    for part in parts:
        if isinstance(part, Mention):
            out.append(mention(part))
        elif isinstance(part, UserText):
            out.append(literal(part))
        else:
            converted, fence = _trusted(part, fence)
            out.append(converted)
    return "".join(out)


def _trusted(part: str, fence: str | None) -> tuple[str, str | None]:
    """Translate **bold** to *bold* outside code; `fence` is the code marker left open."""
    out: list[str] = []
    at = 0
    for found in _MARKUP.finditer(part):
        start, mark = found.start(), found.group()
        if start < at:  # the second or third backtick of a ``` already read
            continue
        out.append(escape(part[at:start]))
        if mark == "**":
            out.append("*" if fence is None else mark)
        elif part.startswith(FENCE, start) and fence != "`":
            mark, fence = FENCE, (None if fence == FENCE else FENCE)
            out.append(mark)
        else:
            if fence != FENCE:
                fence = None if fence == "`" else "`"
            out.append(mark)
        at = start + len(mark)
    out.append(escape(part[at:]))
    return "".join(out), fence


def plain(text: Text) -> str:
    """Render text for a plain_text object: escaped, without markup markers."""
    parts = text.parts if isinstance(text, Rich) else (text,)
    out: list[str] = []
    for part in parts:
        if isinstance(part, Mention):
            out.append(escape(f"@{part}"))
        elif isinstance(part, UserText):
            out.append(escape(part))
        else:
            out.append(escape(part.replace("**", "")))
    return "".join(out)


def clip(text: str, limit: int) -> str:
    """Shorten rendered text to `limit` characters, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: _safe_cut(text, limit - 1)].rstrip() + "…"


def split(text: str, limit: int) -> list[str]:
    """Cut rendered text into chunks of at most `limit`, at paragraph, line or word breaks."""
    chunks: list[str] = []
    room = limit - len("\n" + FENCE)
    while len(text) > limit:
        cut, skip = _break_at(text, room)
        chunk, text = text[:cut], text[cut + skip :]
        if chunk.count(FENCE) % 2:  # close a code block here and reopen it in the next chunk
            chunk, text = f"{chunk}\n{FENCE}", f"{FENCE}\n{text}"
        chunks.append(chunk)
    chunks.append(text)
    return chunks


def _break_at(text: str, room: int) -> tuple[int, int]:
    """Where to cut, and how many separator characters to drop after the cut."""
    window = text[:room]
    for separator in ("\n\n", "\n", " "):
        at = window.rfind(separator)
        if at > room // 2:
            return at, len(separator)
    return _safe_cut(text, room), 0


def _safe_cut(text: str, cut: int) -> int:
    """Move a cut back so it never splits an escape like &amp; or a mention like <@U1>."""
    amp = text.rfind("&", max(0, cut - 5), cut)
    if amp >= 0 and ";" not in text[amp:cut]:
        cut = amp
    bracket = text.rfind("<", max(0, cut - 40), cut)
    if bracket >= 0 and ">" not in text[bracket:cut]:
        cut = bracket
    return max(cut, 1)
