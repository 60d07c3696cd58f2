"""Path converters for numbers with a range: a value outside it does not match, so the page is a 404."""

from django.urls import register_converter

FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years the register and the reporting cycle accept


class YearConverter:
    """A four-digit year between FIRST_YEAR and LAST_YEAR (`<year:year>`)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"year {year} out of range")  # Django: no match, 404
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class IdConverter:
    """A row id that fits a 64-bit integer column (`<id:pk>`); longer numbers are no id at all."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(YearConverter, "year")
register_converter(IdConverter, "id")
