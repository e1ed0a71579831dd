"""What a document has named so far, for references ("he", "its", "the government")."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventcoder.model import Entity

__all__ = ["GROUP_PRONOUNS", "NON_STATES", "PERSON_PRONOUNS", "DocumentMemory"]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})

GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs"})
#: Codes that are no state: a document's main country is never one of them.
NON_STATES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})


@dataclass
class DocumentMemory:
    """Actors named so far in the document, by token position (for "he", "its").

    `countries` counts the country codes of the named actors: the most frequent
    is the document's main country, the fallback for "the government".
    """

    named: list[tuple[int, Entity, bool]] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)

    def remember(self, index: int, entity: Entity, is_person: bool) -> None:
        if not entity.code:
            return
        self.named.append((index, entity, is_person))
        self.named.sort(key=lambda item: item[0])
        self.countries[entity.code] = self.countries.get(entity.code, 0) + 1

    def pronoun(self, word: str, index: int, exclude: set[str] = frozenset()) -> Entity | None:  # type: ignore[assignment]
        """The last compatible actor named before token `index`."""
        word = word.casefold()
        want_person = word in PERSON_PRONOUNS
        if not want_person and word not in GROUP_PRONOUNS:
            return None
        return self.last(index, person=want_person, exclude=exclude)

    def last(
        self,
        index: int,
        *,
        person: bool,
        exclude: set[str] = frozenset(),  # type: ignore[assignment]
        offices: tuple[str, ...] = (),
        country: str | None = None,
    ) -> Entity | None:
        """The last actor before `index` that is (not) a person, of an office or country."""
        for position, entity, is_person in reversed(self.named):
            if position >= index or is_person != person or entity.code in exclude:
                continue
            if offices and not any(o in (entity.office or "") for o in offices):
                continue
            if country and entity.code != country:
                continue
            return entity
        return None

    def main_country(self, exclude: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
        """The country named most often (first named on a tie), a proxy for "the country"."""
        best: str | None = None
        for _position, entity, _is_person in self.named:
            code = entity.code
            if not code or code in exclude or code in NON_STATES:
                continue
            if best is None or self.countries[code] > self.countries[best]:
                best = code
        return best
