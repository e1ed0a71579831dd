"""People across changes of office (issue 4): speakers, vice presidents, governors,
intelligence chiefs, opposition leaders and armed-group commanders on a date."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from eventcoder.resolve.actors import ActorQuery, ActorResolver

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "day", "code", "sector", "office"),
    [
        # a speaker who became acting president, then presided over parliament again
        ("Oleksandr Turchynov", "2014-03-01", "UKR", "GOV", "head of state"),
        ("Oleksandr Turchynov", "2014-10-01", "UKR", "LEG", "speaker"),
        ("Speaker Nancy Pelosi", "2020-01-15", "USA", "LEG", "speaker"),
        ("Nancy Pelosi", "2012-01-15", "USA", "ELI", "former speaker"),
        # a governor who became vice president
        ("Mike Pence", "2015-06-01", "USA", "GOV", "governor of Indiana"),
        ("Vice President Mike Pence", "2019-06-01", "USA", "GOV", "vice president"),
        ("Mike Pence", "2022-06-01", "USA", "ELI", "former vice president"),
        ("Governor Greg Abbott", "2016-03-01", "USA", "GOV", "governor of Texas"),
        ("Andrew Cuomo", "2022-03-01", "USA", "ELI", "former governor of New York"),
        # a speaker who became an intelligence chief
        ("Sergei Naryshkin", "2014-01-01", "RUS", "LEG", "speaker"),
        ("Sergei Naryshkin", "2020-01-01", "RUS", "SPY", "director of the SVR"),
        ("Hakan Fidan", "2020-01-01", "TUR", "SPY", "director of MIT"),
        ("Hakan Fidan", "2024-01-01", "TUR", "GOV", "foreign minister"),
        ("Tulsi Gabbard", "2025-06-01", "USA", "SPY", "director of national intelligence"),
        # opposition leaders, in and out of government
        ("Alexei Navalny", "2020-08-20", "RUS", "OPP", "opposition leader"),
        ("Navalny", "2024-06-01", "RUS", "ELI", "former opposition leader"),
        # Kurti: prime minister, then opposition leader between his governments, then again
        ("Albin Kurti", "2020-03-01", "XKX", "GOV", "head of government"),
        ("Albin Kurti", "2021-01-01", "XKX", "OPP", "opposition leader"),
        ("Kurti", "2022-05-01", "XKX", "GOV", "head of government"),
        ("Andrei Kartapolov", "2020-05-01", "RUS", "GOV", "deputy defence minister"),
        ("Keir Starmer", "2022-01-01", "GBR", "OPP", "opposition leader"),
        ("Keir Starmer", "2025-01-01", "GBR", "GOV", "head of government"),
        ("Kemi Badenoch", "2023-06-01", "GBR", "GOV", "business secretary"),
        ("Kemi Badenoch", "2025-06-01", "GBR", "OPP", "opposition leader"),
        ("Imran Khan", "2020-01-01", "PAK", "GOV", "head of government"),
        ("Imran Khan", "2023-06-01", "PAK", "OPP", "opposition leader"),
        # Sudan's RSF: a state-backed paramilitary until its war with the army
        ("Hemedti", "2020-06-01", "SDN", "PRM", "commander of the Rapid Support Forces"),
        ("Hemedti", "2024-06-01", "SDN", "REB", "commander of the Rapid Support Forces"),
        # a breakaway head before annexation, a Russian official after
        ("Denis Pushilin", "2020-01-01", "UKR", "PRE", "head of the Donetsk People's Republic"),
        ("Denis Pushilin", "2023-01-01", "RUS", "GOV", "head of the Donetsk People's Republic"),
        ("Mohsin Naqvi", "2023-06-01", "PAK", "GOV", "chief minister of Punjab"),
        ("Mohsin Naqvi", "2024-06-01", "PAK", "GOV", "interior minister"),
        # an alias once missing from one of the person's lines
        ("Lieberman", "2017-01-01", "ISR", "GOV", "defence minister"),
    ],
)
def test_the_date_selects_the_office(
    resolver: ActorResolver,
    nlp: Language,
    text: str,
    day: str,
    code: str,
    sector: str,
    office: str,
) -> None:
    query = ActorQuery(text=text, date=dt.date.fromisoformat(day))
    ((_query, entity),) = resolver.resolve_queries([query], nlp)
    assert (entity.code, entity.sector, entity.office) == (code, sector, office)
    assert entity.identifier_id and entity.identifier_id.startswith(("person:", "Q"))


@pytest.mark.parametrize(
    ("text", "day", "office"),
    [
        # "former" names an office the person left, not the one they hold now
        ("former Prime Minister Benjamin Netanyahu", "2021-09-01", "former head of government"),
        ("Hakan Fidan, the former spy chief", "2024-01-01", "former director of MIT"),
        # among several offices left, the one the mention names
        ("former Governor Nikki Haley", "2024-01-01", "former governor of South Carolina"),
        ("former UN ambassador Nikki Haley", "2024-01-01", "former UN ambassador"),
        # with no earlier office, "former" still makes the current one ELI
        ("former Speaker Mike Johnson", "2024-01-01", "former speaker"),
    ],
)
def test_former_picks_an_office_already_left(
    resolver: ActorResolver, nlp: Language, text: str, day: str, office: str
) -> None:
    query = ActorQuery(text=text, date=dt.date.fromisoformat(day))
    ((_query, entity),) = resolver.resolve_queries([query], nlp)
    assert (entity.sector, entity.office) == ("ELI", office)
