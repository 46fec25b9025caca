"""Text that every output file can carry (see docs/ARCHITECTURE.md).

XML 1.0 (GraphML, GEXF, SVG, and the HTML report's inline SVG) cannot hold C0 control characters
other than tab, line feed and carriage return, UTF-16 surrogates, or U+FFFE/U+FFFF: one of them in
a member's name would make the whole file unreadable. They carry no meaning a reader could want,
so they are stripped at output, in one place, rather than refused at input.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 forbids (and DEL, a control character nobody types on purpose)."""


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry; everything else is kept as it is."""
    return _NOT_XML.sub("", text)


clean_text = xml_safe
"""The name the formats use: text cleaned for any output file."""
