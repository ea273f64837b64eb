"""Markdown (CommonMark + tables + strikethrough) to Slack mrkdwn, by walking a parse tree.

Slack's mrkdwn is not Markdown: bold is `*x*`, links are `<url|text>`, there are no
headings or tables, and `&`, `<`, `>` must be escaped. Parsing with markdown-it-py and
rendering the tree handles nesting, code and escaping correctly where regexes cannot.
`to_blocks` returns top-level blocks (paragraphs, lists, code...) so that long texts can
be split between blocks rather than in the middle of one.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

_MD = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
FENCE = "```"


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def to_mrkdwn(markdown: str) -> str:
    return "\n\n".join(to_blocks(markdown))


def to_blocks(markdown: str) -> list[str]:
    """The top-level blocks of `markdown`, each rendered as mrkdwn."""
    root = SyntaxTreeNode(_MD.parse(markdown))
    return [text for node in root.children if (text := _block(node, 0).rstrip())]


def _block(node: SyntaxTreeNode, depth: int) -> str:
    kind = node.type
    if kind == "paragraph":
        return _inline_children(node)
    if kind == "heading":
        return f"*{_inline_children(node, bold=True)}*"
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, depth)
    if kind in ("fence", "code_block"):
        code = node.content.rstrip("\n")
        return f"{FENCE}\n{escape(code)}\n{FENCE}"
    if kind == "blockquote":
        inner = "\n\n".join(_block(child, depth) for child in node.children)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if kind == "hr":
        return "──────────"
    if kind == "table":
        return _table(node)
    if kind == "html_block":
        return escape(node.content.rstrip("\n"))
    return "\n\n".join(_block(child, depth) for child in node.children)


def _list(node: SyntaxTreeNode, depth: int) -> str:
    start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 1
    lines = []
    indent = "    " * depth
    for number, item in enumerate(node.children, start=start):
        marker = f"{number}." if node.type == "ordered_list" else ("•" if depth % 2 == 0 else "◦")
        parts = []
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                parts.append(_list(child, depth + 1))
            else:
                text = _block(child, depth)
                parts.append(text.replace("\n", "\n" + indent + "   "))
        first, *rest = parts or [""]
        lines.append(f"{indent}{marker} {first}")
        lines.extend(rest)
    return "\n".join(lines)


def _table(node: SyntaxTreeNode) -> str:
    rows = []
    for section in node.children:  # thead, tbody
        for row in section.children:
            cells = [_inline_children(cell) for cell in row.children]
            rows.append(" | ".join(cells))
    if len(rows) > 1:
        rows[0] = f"*{rows[0]}*"
    return "\n".join(rows)


def _inline_children(node: SyntaxTreeNode, *, bold: bool = False) -> str:
    return "".join(_inline(child, bold=bold) for child in node.children)


def _inline(node: SyntaxTreeNode, *, bold: bool = False) -> str:
    kind = node.type
    if kind == "inline":
        return _inline_children(node, bold=bold)
    if kind == "text":
        return escape(node.content)
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\n"
    if kind == "code_inline":
        return f"`{escape(node.content)}`"
    if kind == "strong":
        inner = _inline_children(node, bold=True)
        return inner if bold else f"*{inner}*"
    if kind == "em":
        return f"_{_inline_children(node, bold=bold)}_"
    if kind == "s":
        return f"~{_inline_children(node, bold=bold)}~"
    if kind == "link":
        href = str(node.attrs.get("href", ""))
        label = _inline_children(node, bold=bold)
        return _link(href, label)
    if kind == "image":
        src = str(node.attrs.get("src", ""))
        return _link(src, escape(node.content) or src)
    if kind in ("html_inline",):
        return escape(node.content)
    return _inline_children(node, bold=bold)


def _link(href: str, label: str) -> str:
    if not href:
        return label
    # `|` and `>` would end the link early (percent-encode them); `&` is escaped as Slack
    # itself writes URLs in message text.
    safe = href.replace("&", "&amp;").replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    label = label.replace("|", "¦")
    if not label or label == escape(href) or label == safe:
        return f"<{safe}>"
    return f"<{safe}|{label}>"


def split_blocks(blocks: list[str], limit: int) -> list[str]:
    """Pack blocks into chunks of at most `limit` characters, splitting oversize blocks
    at line, then word boundaries (code blocks are re-fenced on both sides of a cut)."""
    pieces: list[str] = []
    for block in blocks:
        pieces.extend(_split_one(block, limit) if len(block) > limit else [block])
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks


def _split_one(block: str, limit: int) -> list[str]:
    fenced = block.startswith(FENCE + "\n") and block.endswith("\n" + FENCE)
    if fenced:
        body = block[len(FENCE) + 1 : -len(FENCE) - 1]
        room = limit - 2 * (len(FENCE) + 1)
        return [f"{FENCE}\n{part}\n{FENCE}" for part in _cut(body, room)]
    return _cut(block, limit)


def _cut(text: str, limit: int) -> list[str]:
    parts: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        at = window.rfind("\n")
        if at < limit // 2:
            at = window.rfind(" ")
        if at < limit // 2:
            at = _safe_cut(window)
        parts.append(text[:at].rstrip())
        text = text[at:].lstrip("\n ")
    if text:
        parts.append(text)
    return parts


def _safe_cut(window: str) -> int:
    """Cut at the limit, but never inside an `&amp;`-style entity."""
    amp = window.rfind("&", len(window) - 6)
    if amp != -1 and ";" not in window[amp:]:
        return amp
    return len(window)
