"""Compile the report's typst template in a process of its own: `python typst_compile.py` reads a JSON request
({"template", "root", "report", "standard": [PDF standards], "font_paths"}) on stdin and writes the PDF on stdout, or the error on
stderr with exit status 1.

Typst memoises everything it computes (for incremental compilation) in a cache that lives as long as the process
and is never evicted by the Python binding: compiling in a long-running worker would grow it by about 100 MB per
report. A child process per PDF gives that memory back when it ends. Imports nothing but typst.
"""

import json
import sys

import typst


def main() -> int:
    request = json.load(sys.stdin)
    try:
        pdf = typst.compile(
            request["template"],
            root=request["root"],
            sys_inputs={"report": request["report"]},
            pdf_standards=request["standard"],
            font_paths=request["font_paths"],
            ignore_system_fonts=True,
        )
    except typst.TypstError as error:
        sys.stderr.write(str(error))
        return 1
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
