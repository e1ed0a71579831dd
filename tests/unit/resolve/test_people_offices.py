"""People across changes of office (issue 4): speakers, vice presidents, governors,
intelligence chiefs, opposition leaders, armed-group commanders, leaders of 1980-1999 and UN
Secretaries-General on a date."""

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
        # 1980-1999: Soviet leaders are RUS; a leader in office, then out of it
        ("Mikhail Gorbachev", "1989-06-01", "RUS", "GOV", "head of state"),
        ("Gorbachev", "1995-01-01", "RUS", "ELI", "former head of state"),
        ("Boris Yeltsin", "1995-06-01", "RUS", "GOV", "head of state"),
        ("George H. W. Bush", "1990-01-01", "USA", "GOV", "head of state and government"),
        ("Francois Mitterrand", "1990-03-01", "FRA", "GOV", "head of state"),
        ("Mitterand", "1997-01-01", "FRA", "ELI", "former head of state"),
        # prime minister under one president, president later
        ("Jacques Chirac", "1987-01-01", "FRA", "GOV", "head of government"),
        ("Chirac", "2000-01-01", "FRA", "GOV", "head of state"),
        # foreign minister, then prime minister
        ("Yevgeny Primakov", "1997-01-01", "RUS", "GOV", "foreign minister"),
        ("Primakov", "1999-01-01", "RUS", "GOV", "head of government"),
        # Soviet foreign minister, then head of state of Georgia
        ("Eduard Shevardnadze", "1988-01-01", "RUS", "GOV", "foreign minister"),
        ("Shevardnadze", "1996-06-01", "GEO", "GOV", "head of state and government"),
        # Iran's president, then Supreme Leader
        ("Ali Khamenei", "1985-01-01", "IRN", "GOV", "head of government"),
        ("Ali Khamenei", "1995-01-01", "IRN", "GOV", "head of state"),
        ("Robert Mugabe", "1985-01-01", "ZWE", "GOV", "head of government"),
        ("Mugabe", "1995-01-01", "ZWE", "GOV", "head of state and government"),
        ("Slobodan Milosevic", "1998-01-01", "SRB", "GOV", "head of state"),
        # PLO chairman before the Palestinian Authority, its president after
        ("Arafat", "1985-01-01", "PSE", "GOV", "chairman of the PLO"),
        ("Arafat", "2000-01-01", "PSE", "GOV", "head of state"),
        # UN Secretaries-General serve the UN (UNO), not their country
        ("Kofi Annan", "2003-03-01", "UNO", "GOV", "UN secretary-general"),
        ("Ban Ki-moon", "2005-01-01", "KOR", "GOV", "foreign minister"),
        ("Ban Ki-moon", "2010-01-01", "UNO", "GOV", "UN secretary-general"),
        ("Perez de Cuellar", "1988-01-01", "UNO", "GOV", "UN secretary-general"),
        # two presidents called Bush: the date picks the one in office, or the last one
        ("President Bush", "1990-05-01", "USA", "GOV", "head of state and government"),
        ("Bush", "2005-05-01", "USA", "GOV", "head of state and government"),
        ("President Bush", "1996-05-01", "USA", "ELI", "former head of state and government"),
        # a church leader; a title that is part of the name ("Patriarch Kirill")
        ("Archbishop Desmond Tutu", "1990-05-01", "ZAF", "REL", "archbishop of Cape Town"),
        ("Desmond Tutu", "2000-01-01", "ZAF", "ELI", "former archbishop of Cape Town"),
        ("Patriarch Kirill", "2022-03-01", "RUS", "REL", "patriarch of Moscow"),
        # the Arabic article spelt "El"
        ("President Omar El Bashir", "1995-01-01", "SDN", "GOV", "head of state and government"),
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
        ("former Prime Minister Margaret Thatcher", "1995-01-01", "former head of government"),
    ],
)
def test_former_picks_an_office_already_left(
    resolver: ActorResolver, nlp: Language, text: str, day: str, office: str
) -> None:
    query = ActorQuery(text=text, date=dt.date.fromisoformat(day))
    ((_query, entity),) = resolver.resolve_queries([query], nlp)
    assert (entity.sector, entity.office) == ("ELI", office)
