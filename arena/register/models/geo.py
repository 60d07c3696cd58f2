"""Countries (ISO 3166-1), loaded from pycountry with Norwegian and English names."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from arena.register.language import local_name


class Country(models.Model):
    """A country by its ISO 3166-1 code, with its bokmål and English names."""

    code = models.CharField(_("landkode (ISO 3166-1 alfa-2)"), max_length=2, unique=True)
    code3 = models.CharField(_("landkode (alfa-3)"), max_length=3, unique=True)
    name = models.CharField(_("navn"), max_length=120)
    name_en = models.CharField(_("engelsk navn"), max_length=120)

    class Meta:
        verbose_name = _("land")
        verbose_name_plural = _("land")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("country-detail", args=[self.code])

    @property
    def display_name(self) -> str:
        return local_name(self)
