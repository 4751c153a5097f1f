"""Spellings of names: the shared shape of every variant table and the key it is matched by."""

import unicodedata
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def fold_name(text: str) -> str:
    """Case-, accent- and space-insensitive form of a name, the key variants are matched by."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Recompose so that Cyrillic Й and Ё, which NFKD splits, stay distinct from И and Е.
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().split())


class Script(models.TextChoices):
    LATIN = "latin", _("Latin")
    CYRILLIC = "cyrillic", _("Cyrillic")
    KAZAKH_LATIN = "kazakh_latin", _("Kazakh Latin (2021)")


class VariantKind(models.TextChoices):
    NATIVE = "native", _("native spelling")
    TRANSLITERATION = "transliteration", _("transliteration")
    TRANSLATION = "translation", _("translation")
    ABBREVIATION = "abbreviation", _("abbreviation")
    MISSPELLING = "misspelling", _("misspelling seen in a source")


class NameVariant(models.Model):
    """One spelling of a name, as a source or a native speaker writes it."""

    name = models.CharField(_("spelling"), max_length=200)
    script = models.CharField(
        _("script"), max_length=12, choices=Script.choices, default=Script.LATIN
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=VariantKind.choices, default=VariantKind.TRANSLITERATION
    )
    folded = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        abstract = True
        ordering = ["script", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded = fold_name(self.name)
        super().save(*args, **kwargs)
