"""What the review workbook shows instead of codes, and how a cell is read back into one.

``Words`` holds, for each attribute a reviewer may change, its codes in a reader's
words (one word per code and one code per word, so reading back is exact), the
units an amount can be written in (tỷ đồng, triệu đồng …) and the word for "not a
figure". The command line builds them in the language asked for from the words the
charts use; ``Words.codes()`` (the codes themselves) is what a workbook holds
without them. A cell holding the code instead of the word reads back too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.review.overrides import VOCABULARIES, region_ids
from pipelines.tables import schema

# unit words -> (the contract's unit, the scale of the number written); both languages read back
UNIT_WORDS: dict[str, tuple[str, float]] = {
    "tỷ đồng": ("VND", 1e9), "triệu đồng": ("VND", 1e6), "nghìn đồng": ("VND", 1e3), "đồng": ("VND", 1.0),
    "VND billion": ("VND", 1e9), "VND million": ("VND", 1e6), "VND thousand": ("VND", 1e3), "VND": ("VND", 1.0),
    "%": ("percent", 1.0), "số lượng": ("count", 1.0), "count": ("count", 1.0),
}
UNIT_CHOICES = {"vi": ("tỷ đồng", "triệu đồng", "nghìn đồng", "đồng", "%", "số lượng"),
                "en": ("VND billion", "VND million", "VND thousand", "VND", "%", "count")}
NOT_A_FIGURE = {"vi": "không phải số liệu", "en": "not a figure"}
# the scale word right after a number in the report ("5,2 tỷ đồng", "350 triệu")
_SCALE_AFTER = re.compile(r"\s*(tỷ|tỉ|triệu|nghìn|ngàn)\b", re.IGNORECASE)
_SCALES = {"tỷ": 1e9, "tỉ": 1e9, "triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3}


@dataclass(frozen=True)
class Words:
    """Codes in words for one language: ``vocab[field][code] = word``."""

    lang: str = "vi"
    vocab: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, words in self.vocab.items():
            seen: dict[str, str] = {}
            for code, word in words.items():
                if word in seen and seen[word] != code:
                    raise ValueError(f"{name}: {seen[word]!r} and {code!r} would both read {word!r}")
                seen[word] = code

    @classmethod
    def codes(cls, lang: str = "vi") -> Words:
        """The codes as their own words (a workbook made without a language's words)."""
        vocab = {name: {v: v for v in values} for name, values in VOCABULARIES.items()}
        vocab["region_id"] = {r: r for r in sorted(region_ids())}
        return cls(lang, vocab)

    def word(self, name: str, code: str) -> str:
        return self.vocab.get(name, {}).get(code, code)

    def code(self, name: str, text: str) -> str:
        """The code a cell's text stands for: its word, or the code itself; anything else
        comes back unchanged, for the vocabulary check to name it."""
        words = self.vocab.get(name, {})
        if text in words:
            return text
        by_word = {w.casefold(): c for c, w in words.items()}
        return by_word.get(text.casefold(), text)

    def choices(self, name: str) -> list[str]:
        """The non-empty words of a vocabulary, for a drop-down list."""
        return [w for w in self.vocab.get(name, {}).values() if w]

    @property
    def units(self) -> tuple[str, ...]:
        return UNIT_CHOICES[self.lang]

    @property
    def not_a_figure(self) -> str:
        return NOT_A_FIGURE[self.lang]


def written_scale(fact: dict) -> float:
    """The scale the report wrote an amount in (tỷ, triệu, nghìn after the number), else the
    largest that keeps it at 1 or more."""
    start = int(fact["number_end"]) - int(fact["char_start"])
    match = _SCALE_AFTER.match(str(fact["quote"]), max(start, 0))
    if match:
        return _SCALES[match.group(1).lower()]
    value = abs(float(fact["value"]))
    return 1e9 if value >= 1e9 else 1e6 if value >= 1e6 else 1.0


def shown_amount(fact: dict, lang: str) -> tuple[float, str]:
    """A fact's value as the workbook shows it, and its unit word: amounts in the report's scale."""
    unit = fact["unit"]
    if unit == "VND":
        scale = written_scale(fact)
        word = next(w for w in UNIT_CHOICES[lang] if UNIT_WORDS[w] == ("VND", scale))
        return round(float(fact["value"]) / scale, 9), word
    word = next(w for w in UNIT_CHOICES[lang] if UNIT_WORDS[w][0] == unit)
    return float(fact["value"]), word


def read_amount(number: float, unit_word: str, measure: str) -> tuple[float | None, str | None]:
    """The value a number and a unit word state, or why they cannot be this measure's."""
    if unit_word not in UNIT_WORDS:
        return None, f"unit {unit_word!r} is not one of {', '.join(repr(u) for u in UNIT_WORDS)}"
    unit, scale = UNIT_WORDS[unit_word]
    wanted = schema.MEASURE_UNITS.get(measure)
    if wanted and unit != wanted:
        return None, f"unit {unit_word!r} does not fit the measure ({measure} is counted in {wanted})"
    value = number * scale
    return (float(round(value)) if unit == "VND" else value), None
