"""Charts for the report, drawn with matplotlib from a `document.Chart`: SVG for HTML and PDF, PNG for DOCX.

No pyplot (no global state, safe in a background thread); text is drawn as paths so the SVG needs no fonts and
the PDF stays PDF/A-clean. The picture carries no fact that is not also in the figure's alt text and tables.
"""

import io

import matplotlib
from matplotlib.figure import Figure as MplFigure

from arena.reporting.document import Chart

# Colours with good contrast on white, distinguishable in grey scale (dark/light of one hue).
COLOURS = ("#9db9cc", "#003b5c", "#5a2d82", "#b35900")
WIDTH_IN = 6.3  # fits an A4 text column


def chart_size_inches(chart: Chart) -> tuple[float, float]:
    return WIDTH_IN, 1.0 + 0.28 * max(len(chart.categories), 1) * max(len(chart.series), 1)


def _figure(chart: Chart) -> MplFigure:
    n = max(len(chart.categories), 1)
    fig = MplFigure(figsize=chart_size_inches(chart), layout="constrained")
    ax = fig.add_subplot()
    bar = 0.8 / max(len(chart.series), 1)
    positions = list(range(n))
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + bar * (index + 0.5) for p in positions]
        bars = ax.barh(
            offsets, series.values, height=bar, label=series.label, color=COLOURS[index % len(COLOURS)]
        )
        ax.bar_label(bars, padding=2, fontsize=7)
    ax.set_yticks(positions, labels=chart.categories, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(chart.value_label, fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    return fig


def chart_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document (text as paths, no timestamps: the same data gives the same SVG)."""
    fig = _figure(chart)
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "arena"}):
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def chart_png(chart: Chart, dpi: int = 200) -> bytes:
    fig = _figure(chart)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def watermark_svg(word: str) -> str:
    """A page-sized (A4) SVG with `word` large, diagonal and faint (the draft mark behind every PDF page), drawn as
    paths so that it is no text a reader or a text extractor picks up."""
    fig = MplFigure(figsize=(8.27, 11.69))
    fig.patch.set_alpha(0)
    fig.text(
        0.5,
        0.5,
        word,
        rotation=50,
        ha="center",
        va="center",
        fontsize=96,
        fontweight="bold",
        family="DejaVu Sans",
        color="#b3261e",
        alpha=0.12,
    )
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "arena"}):
        fig.savefig(out, format="svg", metadata={"Date": None}, transparent=True)
    return out.getvalue()
