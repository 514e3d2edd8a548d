"""Word documents (.docx): paragraphs in order (python-docx), title and dates from
the document's properties."""
from __future__ import annotations

import io
import zipfile

from qa.formats import Read, Unreadable


def read_docx(data: bytes) -> Read:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as err:
        raise Unreadable(f"not a readable Word document ({type(err).__name__}: {err})") from None
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:  # tables after the paragraphs, a row per line
        lines.extend(" ".join(cell.text.strip() for cell in row.cells) for row in table.rows)
    text = "\n".join(line for line in lines if line)
    props = document.core_properties
    when = props.created or props.modified
    return Read(pages=[text], title=(props.title or "").strip(), date=when.date().isoformat() if when else "")
