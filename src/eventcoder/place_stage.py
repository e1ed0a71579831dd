"""The place stage of the pipeline: where each event happened.

`PlaceStage` picks, among the places the parse ties to an event (see
resolve/attach.py, resolve/clauses.py for the event's clause chain, and
resolve/place_names.py for the names), the one it happened in, asking
resolve/place_clues.py what the sentence says of a name and resolve/place_roles.py
how its phrase stands to the event, and resolves it in the
gazetteer (resolve/places.py); the documentation of the rules is in
docs/dates_places.md.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from eventcoder.events.mention import EventMention
from eventcoder.knowledge.base import KnowledgeBase
from eventcoder.model import Place
from eventcoder.resolve.attach import (
    PlaceCandidate,
    place_candidates,
    target_candidates,
)
from eventcoder.resolve.mentions import doc_ents
from eventcoder.resolve.place_clues import (
    CALENDAR,
    IN_PLACE,
    doing,
    headline,
    located,
    no_ones_name,
    place_like,
    placed,
    proper,
    reference_point,
)
from eventcoder.resolve.place_names import (
    ARTICLED,
    NAME_PARTICLES,
    NATURAL_FEATURES,
    area_named,
    called_place,
    feature_named,
    named_site,
    object_spans,
    portion_places,
    site_name,
    site_or_area,
)
from eventcoder.resolve.place_roles import (
    BUILDINGS,
    BUILT,
    argument_tokens,
    building,
    contains,
    destinations,
    part_of,
    qualifies_no_place,
)
from eventcoder.resolve.place_sharing import shared_objects, shared_places
from eventcoder.resolve.places import Gazetteer, unresolved_place
from eventcoder.stages import anchor_tokens

if TYPE_CHECKING:
    from eventcoder.pipeline import Work

__all__ = ["PlaceStage"]


class PlaceStage:
    """The event's place: a location attached to the event, resolved in the gazetteer.

    Candidates come from `place_candidates` (closest tie to the event first); the
    first that resolves wins, except that the more specific of two places in one
    noun phrase wins ("Iraq's Nineveh province" -> Nineveh). A span the
    entity recogniser calls a place but the gazetteer does not know is kept as an
    unresolved place (no country, no coordinates): "her Reshimbagh residence".
    Ambiguous names are resolved with the event's own countries first, then those
    of the document's other place names and actors, and the regions it names
    (see `Gazetteer.resolve`).
    """

    name = "places"

    def __init__(self, gazetteer: Gazetteer, kb: KnowledgeBase) -> None:
        self.gazetteer = gazetteer
        self.kb = kb

    def __call__(self, work: Work) -> Work:
        doc = work.doc
        names = [e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
        actor_countries = sorted(work.memory.countries, key=lambda c: -work.memory.countries[c])
        mentions = [self._place(doc, m, names, actor_countries) for m in work.mentions]
        return replace(work, mentions=shared_places(doc, mentions))

    def _place(
        self, doc: Doc, m: EventMention, names: list[str], actor_countries: list[str]
    ) -> EventMention:
        used = argument_tokens(doc, m)
        sent = doc[m.head].sent
        own = [e.code for e in (*m.actors, *m.recipients) if e.code]
        verbal = m.event in _VERBAL_TYPES
        # where the protested or the accused are is not where the protest was
        heads = m.actor_heads if verbal else (*m.actor_heads, *m.recipient_heads)
        arguments = [doc[i] for i in heads]
        issues = m.event in _ISSUE_TYPES
        candidates = place_candidates(anchor_tokens(doc, m), sent, used, arguments, verbal, issues)
        lemma = doc[m.head].lemma_
        fallback: Place | None = None
        if m.event == "COERCE" and m.mode != "seize" and lemma in _SEIZE_WORDS:
            found = self._seized(doc, m, own, names, actor_countries)
            if found is not None:  # "captured Bukavu": a town taken, not a man
                seized, known = found
                if known:
                    seized = self._in_container(
                        doc, seized, candidates, own, names, actor_countries
                    )
                    return replace(m, mode="seize", place=seized)
                # a site the gazetteer lacks: a known place of the clause is preferred
                # ("captured the Roman Catholic Church in Madhu")
                fallback = self._clause_country(seized, candidates, own, names)
                m = replace(m, mode="seize")
        seizure = m.event == "COERCE" and m.mode == "seize"
        sites = lemma in _SITE_WORDS
        moving = lemma in _TARGET_WORDS or sites or (seizure and lemma in _SEIZE_WORDS)
        targets: list[PlaceCandidate] = []
        if m.event in _TARGET_TYPES or moving or seizure:
            struck = [doc[i] for i in m.recipient_heads] or shared_objects(doc[m.head])
            targets = target_candidates(struck, sent, sites)
            candidates = sorted([*targets, *candidates], key=lambda c: c.rank)
        elif reached := destinations(doc, m):
            # "marched into Paris", "protested at Downing Street": whom, and where
            targets = target_candidates(reached, sent)
            candidates = sorted([*targets, *candidates], key=lambda c: c.rank)
        best: tuple[PlaceCandidate, Place] | None = None
        best_guessed = False
        for cand in candidates:
            if best is not None and cand.rank > best[0].rank:
                break
            place = self._resolve(cand, own, names, actor_countries)
            if place is None or (cand.topical and place.resolution < _TOWN):
                continue  # "protested against the war in Iraq": the issue's place
            # "deployed to Syria", "shot at Sarajevo airport": where, not who
            site = cand in targets and (
                moving or cand.area or (cand.role == 2 and place.resolution > 1)
            )
            if not site and self._not_a_place(cand, place, m):
                continue
            guessed = self._guessed(cand, place)
            # "the Colombo suburb of Nugegoda", but "the Deir al-Asafir suburb of
            # Damascus": a known city is the whole a part it does not know lies in; so
            # is a wider area ("the Bacho district of Narathiwat province")
            whole = (
                best is not None
                and cand.carrier == best[0].carrier
                and part_of(cand, doc)
                and (
                    (place.geonameid is not None and best[1].geonameid is None)
                    or place.resolution < best[1].resolution
                )
            )
            if whole and best is not None and place.country_code != best[1].country_code:
                best = best[0], self._part_in(best[0], best[1], place)
            if (
                best is None
                or (
                    cand.carrier == best[0].carrier
                    and cand.role < best[0].role
                    and not whole
                    # "Madrid's Ritz Hotel": the press places a building in its city
                    and not (building(cand, doc) and best[1].resolution >= _TOWN)
                )
                # but a country or region is no more than the guess's container: "in
                # Adhaim in northern Iraq"
                or (best_guessed and not guessed and place.resolution > 2)
            ):
                best, best_guessed = (cand, place), guessed
        if best is None:
            return m if fallback is None else replace(m, place=fallback)
        best = self._held_target(best, targets, own, names, actor_countries, m)
        place = self._within(best[0], best[1], candidates) or best[1]
        place = self._in_container(doc, place, candidates, own, names, actor_countries)
        if place.country_code is None:  # "at Kottakuppam in Villupuram district": India
            place = self._container_country(best[0], place, candidates, own, names) or place
        return replace(m, place=place)

    def _held_target(
        self,
        best: tuple[PlaceCandidate, Place],
        targets: list[PlaceCandidate],
        own: list[str],
        names: list[str],
        actor_countries: list[str],
        m: EventMention,
    ) -> tuple[PlaceCandidate, Place]:
        """A named target the chosen place only says where it lies: "stormed Tall Sawan in
        eastern Homs" happened in Tall Sawan, "the hill village of Kamenica in eastern
        Bosnia was captured" in Kamenica. The target must name a smaller place than the
        chosen one."""
        doc = best[0].span.doc
        for target in targets:
            if target == best[0] or not contains(doc[target.carrier], best[0].span.root):
                continue
            place = self._resolve(target, own, names, actor_countries)
            if place is None or self._not_a_place(target, place, m):
                continue
            finer = place.resolution > best[1].resolution
            # "Tall Sawan in eastern Homs": a village the city holds; but the press places
            # a building in its town ("the cathedral in Jaffna")
            built = building(target, doc) or doc[target.carrier].lemma_ in BUILT
            unknown = place.resolution == best[1].resolution and place.geonameid is None
            if finer or (unknown and not built):
                if best[1].country_code and place.country_code != best[1].country_code:
                    place = self._part_in(target, place, best[1])  # a namesake elsewhere
                return target, place
        return best

    def _in_container(
        self,
        doc: Doc,
        place: Place,
        candidates: list[PlaceCandidate],
        own: list[str],
        names: list[str],
        actor_countries: list[str],
    ) -> Place:
        """A town in the country of the container its phrase names, when the gazetteer's
        namesake lies elsewhere: "captured the village of Kamenica in eastern Bosnia" is
        not Chemnitz, whose Czech name Kamenica is."""
        span = doc.char_span(place.start or 0, place.end or 0, alignment_mode="expand")
        if span is None or not place.country_code or place.resolution < 3:
            return place
        holders = [span.root]
        if span.root.dep_ == "pobj" and area_named(span.root):
            holders.append(span.root.head.head)  # "the hill village of X in eastern Bosnia"
        for cand in candidates:
            if cand.prep != "in" or cand.role != 0:
                continue
            if not any(contains(holder, cand.span.root) for holder in holders):
                continue
            whole = self._resolve(cand, own, names, actor_countries)
            if whole is None or whole.resolution > 2 or not whole.country_code:
                continue  # a country or a region: "in eastern Bosnia", "in Nasarawa State"
            if whole.country_code != place.country_code:
                part = PlaceCandidate(span, cand.level, True, span.root.i)
                return self._part_in(part, place, whole)
        return place

    def _part_in(self, cand: PlaceCandidate, part: Place, whole: Place) -> Place:
        """The part as a locality of the whole's country, when the gazetteer put the
        part's name in another ("the X district of Y province": a same-named town in
        another country is not this one)."""
        if part.country_code is None:
            return replace(part, country_code=whole.country_code, country=whole.country)
        span = cand.span
        area_word = span.doc[cand.carrier].text if cand.area else ""
        inner = unresolved_place(
            span.text, span.start_char, span.end_char, span.label_, area_word=area_word
        )
        return replace(inner, country_code=whole.country_code, country=whole.country)

    def _clause_country(
        self, place: Place, candidates: list[PlaceCandidate], own: list[str], names: list[str]
    ) -> Place:
        """The country of the first place the event's own clause names."""
        clause = [c for c in candidates if c.level <= 1]
        return self._country_of_first(clause, place, own, names) or place

    def _container_country(
        self,
        found: PlaceCandidate,
        place: Place,
        candidates: list[PlaceCandidate],
        own: list[str],
        names: list[str],
    ) -> Place | None:
        """The country of a known place named as the unknown one's container."""
        containers = [
            c
            for c in candidates
            if c.span.start > found.span.start
            and (contains(found.span.root, c.span.root) or part_of(c, found.span.doc))
        ]
        return self._country_of_first(containers, place, own, names)

    def _country_of_first(
        self, candidates: list[PlaceCandidate], place: Place, own: list[str], names: list[str]
    ) -> Place | None:
        """`place` in the country of the first candidate that resolves to one."""
        for cand in candidates:
            outer = self._resolve(cand, own, names, [])
            if outer is not None and outer.country_code:
                return replace(place, country_code=outer.country_code, country=outer.country)
        return None

    def _within(
        self, found: PlaceCandidate, place: Place, candidates: list[PlaceCandidate]
    ) -> Place | None:
        """A smaller place the gazetteer does not know, named with the one it knows as
        its container: "at Olangur in Villupuram district", "the Ben Younis area of
        Benghazi", "his hometown of Dhuluiyah, 70 kilometres north of Baghdad". The
        smaller place is where it happened; it takes the container's country."""
        root = found.span.root
        for cand in candidates:
            if cand.level > found.level or cand.span.start >= found.span.start:
                continue
            holder = cand.span.doc[cand.carrier]  # "the Ben Younis area" holds "of Benghazi"
            if not contains(holder, root) or not proper(cand.span):
                continue
            if cand.span.label_ == "NORP" and any(c.dep_ == "advmod" for c in holder.children):
                continue  # "a mostly Shia neighbourhood in the village of X": who lives there
            if building(cand, cand.span.doc):
                continue  # "outside Al-Midan Theater in Haifa": the press places it in Haifa
            if any(t.is_upper and len(t) <= 4 for t in cand.span):
                continue  # "the CRPF camp headquarters in X": an acronym's, no place
            text = cand.span.text
            if self.kb.lookup(text) or self.kb.person_terms(text) or self.kb.adjective(text):
                continue
            if self.gazetteer.resolve(text) is not None:
                continue  # a known place: it had its turn
            area_word = cand.span.doc[cand.carrier].text if cand.area else ""
            inner = unresolved_place(
                text, cand.span.start_char, cand.span.end_char, cand.span.label_,
                area_word=area_word,
            )  # fmt: skip
            return replace(inner, country_code=place.country_code, country=place.country)
        return None

    def _seized(
        self,
        doc: Doc,
        m: EventMention,
        own: list[str],
        names: list[str],
        actor_countries: list[str],
    ) -> tuple[Place, bool] | None:
        """The town, region or country a capture took, when its object (or a share of
        it: "captured half of Zaire") is one the gazetteer knows and no person the
        knowledge base knows. The passive's subject counts ("Vukovar was captured")
        unless the recogniser calls it no place or the clause names a place of its own
        ("Ramadan was captured in Mosul" is a man).

        A name the gazetteer lacks is a place taken when the sentence says so: a site
        or landmark ("captured Biju Hill", "the Kokkadicholai base"), an apposition
        ("Grahovo and Glamoc, another Serb town"), a site's or area's "of" ("the
        strategic hilltop of Tal Taranjeh"), or a capture from an armed group or a
        country ("capture Bayyanoun from the rebels": men are not captured from their
        side). The flag says whether the gazetteer knows the place."""
        trigger = doc[m.head]
        objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
        objects = objects or shared_objects(trigger)
        objects += [doc[i] for i in m.recipient_heads if doc[i].dep_ in ("dobj", "obj")]
        subjects = [c for c in trigger.children if c.dep_ == "nsubjpass"]
        named_for = [o for t in (*objects, *subjects) for o in portion_places(t)]
        objects += named_for  # "half of Zaire", "the village of Sabr"
        spans = object_spans([*objects, *subjects], trigger.sent)
        sites = [n for t in (*objects, *subjects) if (n := site_name(t)) is not None]
        taken = self._taken_from(trigger)
        armed = any(e.sector in _ARMED or self.kb.lookup(e.entity_text) for e in m.actors)
        for span in [*spans, *sites]:
            if len(span) > 1 and span[0].lower_ == "the":
                span = span[1:]  # "the Kindi Hospital"
            if span.root in subjects and (
                (
                    span.label_ not in ("GPE", "LOC", "FAC", "")
                    # but "X, 300 km north of Y, had been captured": no man
                    and not (located(span) or called_place(span.root))
                )
                or placed(trigger)
                or doing(trigger)
            ):
                # "Kim was captured", "Ramadan was captured in Mosul", "Santos was
                # captured while trying to flee": men
                continue
            if self.kb.person_terms(span.text):
                continue
            known = self.gazetteer.resolve(span.text) is not None
            if not known and not (
                span in sites
                or span.root in named_for
                or named_site(span)
                or called_place(span.root)
                or located(span)
                or taken
                or (armed and no_ones_name(span, subjects))
            ):
                continue
            if not known and not proper(span):
                continue
            cand = PlaceCandidate(span, 1, not known, span.root.i)
            place = self._resolve(cand, own, names, actor_countries)
            if place is not None and place.country_code is None:
                place = self._near_country(span, place)  # "X, 300 km north of Mogadishu"
            if place is not None:
                return place, known
        return None

    def _near_country(self, span: Span, place: Place) -> Place:
        """An unknown place in the country of the town the sentence says it lies some
        way from ("Dusa Mareb, 300 km north of Mogadishu": Somalia)."""
        point = reference_point(span)
        if point is None:
            return place
        name = next((e for e in span.doc.ents if e.start <= point.i < e.end), None)
        found = self.gazetteer.resolve(name.text if name is not None else point.text)
        if found is None or not found.country_code:
            return place
        return replace(place, country_code=found.country_code, country=found.country)

    def _taken_from(self, trigger: Token) -> bool:
        """Is the capture "from" an armed group or a country ("from the Islamist
        rebels", "from Jordan")?"""
        for prep in trigger.children:
            if prep.lower_ != "from":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                name = next((e for e in trigger.doc.ents if e.start <= obj.i < e.end), None)
                for text in (obj.text, obj.lemma_, name.text if name is not None else ""):
                    entry = self.kb.lookup(text) if text else None
                    if self.kb.agent_sector(text) in _ARMED or (
                        entry is not None and entry.kind in ("country", "organization")
                    ):
                        return True
        return False

    def _not_a_place(self, cand: PlaceCandidate, place: Place, m: EventMention) -> bool:
        """A target that is a country or unknown to the gazetteer ("attacked
        Ukraine" names the victim), or a country or seat of power saying whose a
        participant is ("Russia's army", "Kremlin aides", "U.S. sanctions"). A nationality
        is no place ("Ugandan troops", tagged GPE), nor a town that shares its name."""
        if self.kb.adjective(cand.span.text) and (place.geonameid is None or place.resolution > 1):
            return True  # "Ugandan troops"; "Myanmar" is both the country and its adjective
        if place.geonameid is None and self.kb.adjective(cand.span[0].text):
            return True  # "a Tamil Tiger rebel base": whose, not where
        doc = cand.span.doc
        after = cand.span.end
        if after + 1 < len(doc) and doc[after].text == "-" and doc[after + 1].lower_ in _BY_WHOM:
            return True  # "the US-led war", "Iranian-backed militias": by whom, not where
        start = cand.span.start
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("pro", "anti"):
            return True  # "a pro-Moscow Chechen policeman": whose side, not where
        carrier = doc[cand.carrier]
        # "bombed Zahhar's office"; "captured in Garcia's apartment": a man's, though
        # Garcia is a town's name too
        owned = cand.span.label_ == "PERSON" or place.geonameid is None
        if cand.role == 4 and carrier.lemma_ in _OWN_PLACES and owned:
            return True
        if (
            cand.role == 2
            and place.resolution == 1
            and carrier.lemma_ in _STREETS
            and cand.span.root.head.i == carrier.i
        ):
            return True  # "in Lebanon street" is a street named for the country
        if cand.role in (2, 4) and place.resolution == 1 and not cand.area:
            # an owner: "the US embassy", "Australia's embassy", "Russia's army"; but a
            # country's own parliament or hotel is in it ("marched on South Africa's
            # parliament")
            in_front = carrier.lower_ == "front" and carrier.head.lower_ == "in"
            return in_front or not site_or_area(carrier) or carrier.lemma_ in _ABROAD
        if place.geonameid is None and qualifies_no_place(cand, carrier):
            return True  # "in Sabeeh's support", "Houston's brother, Rocky", "Hizbut Tahrir"
        if cand.carrier not in {*m.actor_heads, *m.recipient_heads}:
            return False
        if cand.span.root.i == cand.carrier:
            return place.resolution == 1 or (place.geonameid is None and not cand.named)
        if cand.role == 0 or cand.area:
            return False  # "marched on Manila's financial district", "six West Bank towns"
        if site_or_area(carrier) and carrier.lemma_ not in _ABROAD:
            return False  # "marched on South Africa's parliament": it stands in its country
        entry = self.kb.lookup(cand.span.text)
        return place.resolution == 1 or (entry is not None and entry.kind in ("seat", "country"))

    def _resolve(
        self, cand: PlaceCandidate, own: list[str], names: list[str], actor_countries: list[str]
    ) -> Place | None:
        span = cand.span
        text = span.text
        if text.lower() in CALENDAR:
            return None  # "the 18 May fighting": a month, not the town of May
        entry = self.kb.lookup(text)
        # "Brussels officials" is the EU, but "the Brussels suburbs" a city
        kinds = ("organization", "metonym") if cand.role and not cand.area else ("organization",)
        if entry is not None and entry.kind in kinds:
            return None  # "Hamas", "Brussels officials"; but "a meeting in Brussels" is a place
        if not cand.named and (self.kb.person_terms(text) or self.kb.adjective(text)):
            return None
        context = self.gazetteer.document_context(names, leave_out=text)
        place = self.gazetteer.resolve(
            text,
            country_hints=[*own, *context.countries, *actor_countries],
            region_hints=context.regions,
            document_countries=context.countries,
            start=span.start_char,
            end=span.end_char,
        )
        if place is None and entry is not None and entry.kind == "country" and entry.code:
            place = self._country(entry.code, span)  # "bombed Yugoslavia": a former name
        if place is None and entry is not None and entry.kind == "metonym":
            return None  # "stormed the Syrian Arab Army posts": a force, no place
        if place is None and (cand.named or self._unknown_locality(cand)):
            area_word = span.doc[cand.carrier].text if cand.area else ""
            if feature_named(span):
                area_word = "region"  # a sea or a range: a wide area, not a locality
            place = unresolved_place(
                text, span.start_char, span.end_char, span.label_, area_word=area_word
            )
            place = self._with_phrase_country(place, cand)
            if place.country_code is None and context.votes[:1] >= (2,) and len(context.votes) == 1:
                # an article naming places of one country only: its unknown villages are in it
                code = context.countries[0]
                place = replace(place, country_code=code, country=self.gazetteer.country_name(code))
        if place is not None and len(span) > 1 and span[0].text == "the":
            # "the Deir al-Asafir" as the recogniser took it: the article is no part of it
            place = replace(
                place, extracted_place=span[1:].text, start=span[1].idx, end=span.end_char
            )
        if place is not None and len(span) > 1 and span[-1].tag_ == "POS":
            end = span[-2].idx + len(span[-2])  # "South Africa's parliament"
            start = span.start_char if place.start is None else place.start
            place = replace(place, extracted_place=span.doc.text[start:end], end=end)
        return place

    def _guessed(self, cand: PlaceCandidate, place: Place) -> bool:
        """A locality only the sentence says is one (`_unknown_locality`): a place the
        gazetteer knows, tied as closely, is preferred to it."""
        return (
            not cand.named
            and place.geonameid is None
            and self.gazetteer.resolve(cand.span.text) is None
        )

    def _unknown_locality(self, cand: PlaceCandidate) -> bool:
        """A name the gazetteer lacks that the sentence puts the event in: "shot dead
        in Maryin Gubay", "killed at Gamba police station". Only a name right after a
        locative preposition of the event or its clause, that the recogniser does
        not call a person (it often calls such towns organisations: "near Kamanyola")
        and the knowledge base does not know ("in Hamas")."""
        span = cand.span
        if cand.level > 1 or cand.prep not in IN_PLACE:
            return False
        if span.label_ in _NOT_LOCALITIES and not (
            called_place(span.root) or (span.label_ == "PERSON" and place_like(span, cand))
        ):
            return False  # but "in Maryin Gubay, a small town"; "in Tal Afar" (PERSON)
        root, carrier = span.root, span.doc[cand.carrier]
        site = (
            root.dep_ == "compound"
            and carrier.dep_ == "pobj"
            and carrier.lemma_ in _SITE_WORDS_NAMED
            and not any(t.lower_ in _OCCASIONS for t in span)
        )  # "at Gamba police station", "near the Barad checkpoint"
        if not site and (root.dep_ != "pobj" or root.i != cand.carrier):
            return False  # "in President Obama's parade", "in the 1967 Middle East war"
        before = span.doc[span.start - 1] if span.start > span.sent.start else None
        if before is not None and before.text[:1].isupper() and before.dep_ != "prep":
            return False  # a piece of a longer name: "in the Islamic State"
        words = [t for t in span if not t.is_punct]
        if len(words) > 2 and words[0].lower_ == "the" and words[-1].lower_ in NATURAL_FEATURES:
            words = words[1:]  # "in the Kamo Valley": a landform's name
        if not words or headline(span.sent) or any(t.text == "," for t in span):
            return False  # a title-case headline; a list run together ("Qandil, Basyan")
        for t in words:
            if t.lower_ in NAME_PARTICLES or ARTICLED.match(t.text):
                continue
            if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.lower_ in CALENDAR:
                return False
            if (t.is_upper and len(t) <= 4) or t.lower_ in BUILDINGS | _OCCASIONS:
                return False  # "(1700 GMT)"; "outside Al-Midan Theater in Haifa"
        text = span.text
        return not (self.kb.lookup(text) or self.kb.person_terms(text) or self.kb.adjective(text))

    def _country(self, code: str, span: Span) -> Place | None:
        """The country `code` as the place `span` names."""
        name = self.gazetteer.country_name(code)
        place = self.gazetteer.resolve(name) if name else None
        if place is None or place.resolution != 1:
            return None
        return replace(place, extracted_place=span.text, start=span.start_char, end=span.end_char)

    def _with_phrase_country(self, place: Place, cand: PlaceCandidate) -> Place:
        """An unknown place takes the country its own phrase names: "Afghanistan's
        Spin Boldak district", "the Syrian town of X", "X, Sudan"."""
        carrier = cand.span.doc[cand.carrier]
        first, last = carrier.left_edge.i, carrier.right_edge.i
        for ent in doc_ents(carrier.doc):
            if ent.start < first or ent.end > last + 1 or ent.start == cand.span.start:
                continue
            if ent.label_ == "NORP":
                code = self.kb.adjective(ent.text)
            elif ent.label_ == "GPE":
                code = self.gazetteer.country_of(ent.text)
            else:
                code = None
            if code:
                return replace(place, country_code=code, country=self.gazetteer.country_name(code))
        return place


#: Sites a country may own in another: "the US embassy", "a US base".
#: Ways named for a country: "Lebanon street", "Kenya Road".
_STREETS = frozenset({"street", "road", "avenue", "boulevard", "square", "highway", "bridge"})
_ABROAD = frozenset({"embassy", "consulate", "mission", "base", "airbase", "office", "offices"})


#: What a person has, not a town: "bombed Zahhar's office".
_OWN_PLACES = frozenset(
    {"office", "home", "house", "residence", "apartment", "flat", "villa", "car", "farm",
     "compound", "hideout", "bedroom", "family"}
)  # fmt: skip


#: Sectors of the armed sides a place is captured from ("from the rebels").
_ARMED = frozenset({"MIL", "REB", "UAF"})


#: "X-led", "X-backed": X says who leads or backs, not where ("X-based" says where).
_BY_WHOM = frozenset(
    {"led", "backed", "funded", "supported", "sponsored", "allied", "aligned", "armed",
     "financed", "made", "built", "owned", "run", "controlled", "operated", "brokered",
     "drafted", "imposed", "mediated", "supplied"}
)  # fmt: skip


#: Events whose target is where they happen ("shelled Kharkiv", "raided a village").
#: (and COERCE's seizures: "captured Badme" happened in Badme)
_TARGET_TYPES = frozenset({"ASSAULT"})


#: Sites a locality's name may precede: "Gamba police station", "the Waleed border
#: crossing".
_SITE_WORDS_NAMED = frozenset(
    {"station", "checkpoint", "crossing", "camp", "market", "bridge", "junction", "roundabout",
     "airport", "airbase", "base", "dam", "district", "area", "village", "town", "lga"}
)  # fmt: skip


#: Names of occasions, not of places: "marching in the Queens Pride Parade".
_OCCASIONS = frozenset(
    {"parade", "rally", "march", "festival", "summit", "conference", "games", "cup", "war",
     "championship", "olympics", "congress", "forum", "show", "concert", "party", "day"}
)  # fmt: skip


#: Entity labels never given to a locality the gazetteer lacks.
_NOT_LOCALITIES = frozenset({"PERSON", "NORP", "EVENT", "WORK_OF_ART", "LAW", "DATE"})


#: `Place.resolution` of a town or city.
_TOWN = 4


#: Verbal events whose folded-in events are what they are about, not what they bring
#: about: "urged the coalition to pay damages for its raids in Y".
_ISSUE_TYPES = frozenset({"PROTEST", "REQUEST", "ACCUSE", "REJECT"})

#: Events of words, whose object is an issue, not a place (`place_candidates`).
_VERBAL_TYPES = frozenset(
    {"PROTEST", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "SUPPORT", "AGREE", "CONSULT"}
)


#: Triggers whose object is where they happen, whatever the event type ("visit Beijing").
_TARGET_WORDS = frozenset({"visit", "tour", "travel", "arrive", "deploy", "redeploy", "station"})


#: Triggers whose object is a place, even a country or a name the gazetteer does not
#: know: "bombed Yugoslavia", "stormed Al-Madiyounah".
_SITE_WORDS = frozenset(
    {"bomb", "shell", "storm", "raid", "besiege", "bombard", "invade", "overrun",
     "occupy", "annex", "blockade"}
)  # fmt: skip


#: Triggers that may take a place or a person ("captured Badme", "captured Ocalan"):
#: their object is the place only in a seizure (the lexicon saw a place entity as the
#: object, or the gazetteer knows it: the entity recogniser calls many surnames places).
_SEIZE_WORDS = frozenset({"capture", "recapture", "retake"})
