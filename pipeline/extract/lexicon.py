"""Curated word lists for wire copy: well-known organisations, acronyms, demonyms, head nouns.

Only widely known names belong here (agencies, international bodies); everything else is learnt
from the article itself (acronym definitions, designators such as "State Corporation").
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# canonical name -> other names it is written as. The canonical name is the form wire copy uses
# most; the entity key is built from it, so every alias reaches the same key.
ORGANIZATIONS: dict[str, tuple[str, ...]] = {
    # news agencies
    "Interfax": ("Interfax news agency",),
    "TASS": ("ITAR-TASS", "Tass"),
    "RIA Novosti": ("RIA",),
    "Xinhua": ("Xinhua News Agency",),
    "Reuters": ("Thomson Reuters",),
    "AP": ("Associated Press", "The Associated Press"),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "dpa": ("Deutsche Presse-Agentur", "DPA"),
    "EFE": ("Agencia EFE",),
    "ANSA": (),
    "Kyodo": ("Kyodo News",),
    "Yonhap": ("Yonhap News Agency",),
    "PA": ("Press Association", "PA Media"),
    "Bloomberg": (),
    "Business Wire": (),
    "UPI": ("United Press International",),
    # space agencies
    "Roscosmos": ("Roscosmos State Corporation", "State Space Corporation Roscosmos"),
    "CNSA": ("China National Space Administration",),
    "NASA": ("National Aeronautics and Space Administration",),
    "ESA": ("European Space Agency",),
    "JAXA": ("Japan Aerospace Exploration Agency",),
    "ISRO": ("Indian Space Research Organisation", "Indian Space Research Organization"),
    "SpaceX": ("Space Exploration Technologies",),
    # international bodies
    "UN": ("United Nations", "U.N."),
    "EU": ("European Union", "E.U."),
    "NATO": ("North Atlantic Treaty Organization",),
    "WHO": ("World Health Organization",),
    "IMF": ("International Monetary Fund",),
    "WTO": ("World Trade Organization",),
    "OPEC": ("Organization of the Petroleum Exporting Countries",),
    "IAEA": ("International Atomic Energy Agency",),
    "ECB": ("European Central Bank",),
    "OSCE": ("Organization for Security and Co-operation in Europe",),
    "BRICS": (),
    "G20": ("Group of Twenty",),
    "UNESCO": (),
    "UNICEF": (),
    "Red Cross": ("International Committee of the Red Cross", "ICRC"),
    "FBI": ("Federal Bureau of Investigation",),
    "CIA": ("Central Intelligence Agency",),
    "Kremlin": (),
    "Pentagon": (),
    # platforms: bare models read them as people or products
    "Twitter": (),
    "Facebook": (),
    "Telegram": (),
    "Instagram": (),
    "YouTube": (),
    "WeChat": (),
    "Weibo": (),
    "VKontakte": (),
}


def name_words(name: str) -> tuple[str, ...]:
    """The tokens a listed name is matched as: spaCy splits a hyphen off ("half-time")."""
    return tuple(name.replace("-", " - ").split())


# Major recurring award ceremonies, prizes and festivals a wire desk meets: named things, and
# what a show is hosted or an award won by ("host the BAFTAs", "won an Emmy"; the event rules'
# `@award` condition). Each form is listed as written: the matcher heeds case and number, so
# singular aliases stand only where the word is no one's name ("Emmy", not "Tony" alone).
AWARDS: dict[str, tuple[str, ...]] = {
    "Oscars": ("Academy Awards", "Academy Award", "Oscar"),
    "Emmy Awards": ("Emmys", "Emmy", "Emmy Award"),
    "Grammy Awards": ("Grammys", "Grammy", "Grammy Award"),
    "Golden Globe Awards": ("Golden Globes", "Golden Globe"),
    "Tony Awards": ("Tonys", "Tony Award"),
    "BAFTA Awards": ("BAFTAs", "Baftas", "Bafta Awards", "BAFTA Award"),
    "Brit Awards": ("BRIT Awards", "Brit Award"),
    "MTV Video Music Awards": ("Video Music Awards", "VMAs"),
    "Cannes Film Festival": ("Festival de Cannes",),
    "Venice Film Festival": ("Venice International Film Festival",),
    "Berlin International Film Festival": ("Berlin Film Festival", "Berlinale"),
    "Sundance Film Festival": (),
    "Nobel Prize": ("Nobel Prizes",),
    "Nobel Peace Prize": (),
    "Pulitzer Prize": ("Pulitzer Prizes",),
    "Booker Prize": ("Man Booker Prize",),
    "Eurovision Song Contest": ("Eurovision",),
    "Super Bowl halftime show": ("Super Bowl half-time show",),
    "Ballon d'Or": ("Ballon d’Or",),
}

# Well-known programmes, facilities and recurring events: named things, not places, people or
# organisations (bare models read "the Paralympics" or "the Oscars" as an organisation).
NAMED_THINGS: dict[str, tuple[str, ...]] = {
    "International Space Station": ("ISS",),
    "Gateway": ("Lunar Gateway",),
    "Artemis": (),
    "Tiangong": (),
    "Mir": (),
    "Olympic Games": ("Olympics",),
    "Paralympic Games": ("Paralympics",),
    "World Cup": ("FIFA World Cup",),
    **AWARDS,
}

# Celestial bodies are no entity of the story: "the Moon" is neither a person nor a place.
CELESTIAL = frozenset({"Moon", "Sun", "Earth", "Mars", "Venus", "Jupiter", "Mercury", "Saturn"})

# Words after a name that make it an organisation. After a corporate form the name alone is the
# organisation too ("Roscosmos State Corporation", "the Roscosmos state corporation"); an
# institution head only counts capitalised and vouches for the whole name ("Deutsche Bank"; "the
# Biden administration" says nothing about Biden).
CORPORATE_FORMS = frozenset(
    {"state corporation", "news agency", "corporation", "corp", "corp.", "inc", "inc.", "ltd"}
    | {"ltd.", "llc", "plc", "ag", "gmbh", "company", "co.", "group", "agency", "holding"}
    | {"co", "cos", "sa", "s.a.", "nv", "n.v.", "spa", "s.p.a.", "ab", "asa", "oyj", "pty", "bhd"}
)
# Designators that count only as written ("Co", "SA"): in lower case they are other words.
CASED_FORMS = frozenset({"co", "cos", "sa", "nv", "spa", "ab", "asa", "oyj", "pty", "bhd", "ag"})
INSTITUTION_HEADS = words(
    "administration bank council foundation institute ministry party university"
)
# Legal forms dropped from an organisation's canonical name ("Roscosmos State Corporation").
LEGAL_FORMS = (
    "State Corporation",
    "Corporation",
    "Corp.",
    "Corp",
    "Inc.",
    "Inc",
    "Ltd.",
    "Ltd",
    "LLC",
    "PLC",
    "Plc",
    "plc",
    "AG",
    "GmbH",
    "Company",
    "Co.",
    "Co",
    "Cos",
    "SA",
    "S.A.",
    "NV",
    "N.V.",
    "SpA",
    "S.p.A.",
    "AB",
    "ASA",
    "Oyj",
    "Pty",
    "Bhd",
    "SE",
    "SAS",
    "SARL",
)

# Head nouns of a multi-word name: they decide organisation versus named thing (misc).
ORG_HEADS = words(
    "academy administration agency army assembly association authority bank board bureau "
    "center centre club college commission committee company corporation council court "
    "department forces forum fund group institute ministry office organisation organization "
    "parliament party police school service union university "
    "alliance bancorp cabinet clinic coalition congress exchange federation foundation "
    "government guild holdings hospital industries laboratories league network news press "
    "senate society studios syndicate tribunal "
)
# A head followed by these starts an organisation's name whatever ends it: "Department of
# Alcohol and Drug Programs", "Academy of Sciences", "Center for ...".
ORG_HEAD_LINKS = words("of for on")
# Before one word the model calls a person, these say it is a place ("in Tuscany").
PLACE_PREPOSITIONS = words("in near off outside")
# Lower-case occupations written right before a person's name ("singer Britney Spears").
OCCUPATIONS = words(
    "actor actress singer comedian comedienne director producer star rapper musician "
    "songwriter composer writer author novelist poet playwright screenwriter filmmaker model "
    "designer chef photographer journalist reporter columnist presenter host dancer artist "
    "player striker midfielder defender goalkeeper coach manager lawyer attorney prosecutor "
    "judge spokesman spokeswoman spokesperson publicist businessman businesswoman billionaire "
    "tycoon economist analyst"
)
# Time zones after a clock time ("7:31 AM ET", "12:52 p.m. EDT"): never a name.
TIME_ZONES = words(
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT BST CET CEST EET EEST WET WEST "
    "UTC AEST AEDT JST HKT SGT MSK"
)
MISC_HEADS = words(
    "act agreement award awards championship championships conference cup festival games "
    "initiative mission module olympics prize prizes program programme project rocket "
    "satellite spacecraft station summit telescope treaty war "
)

# Nationality adjective -> ISO country code. Used only where the adjective stands for the state.
DEMONYMS: dict[str, str] = {
    "American": "US",
    "Russian": "RU",
    "Chinese": "CN",
    "British": "GB",
    "French": "FR",
    "German": "DE",
    "Japanese": "JP",
    "Indian": "IN",
    "Italian": "IT",
    "Spanish": "ES",
    "Ukrainian": "UA",
    "Belarusian": "BY",
    "Polish": "PL",
    "Turkish": "TR",
    "Iranian": "IR",
    "Israeli": "IL",
    "Palestinian": "PS",
    "Syrian": "SY",
    "Iraqi": "IQ",
    "Afghan": "AF",
    "Pakistani": "PK",
    "Saudi": "SA",
    "Egyptian": "EG",
    "Brazilian": "BR",
    "Mexican": "MX",
    "Canadian": "CA",
    "Australian": "AU",
    "Korean": "KR",
    "South Korean": "KR",
    "North Korean": "KP",
    "Vietnamese": "VN",
    "Indonesian": "ID",
    "Dutch": "NL",
    "Swedish": "SE",
    "Norwegian": "NO",
    "Finnish": "FI",
    "Danish": "DK",
    "Swiss": "CH",
    "Austrian": "AT",
    "Greek": "GR",
    "Portuguese": "PT",
    "Irish": "IE",
    "Kazakh": "KZ",
    "Georgian": "GE",
    "Armenian": "AM",
    "Azerbaijani": "AZ",
    "Nigerian": "NG",
    "South African": "ZA",
    "Argentine": "AR",
    "Venezuelan": "VE",
    "Cuban": "CU",
    "Mongolian": "MN",
    "Thai": "TH",
    "Philippine": "PH",
    "Malaysian": "MY",
    "Serbian": "RS",
    "Hungarian": "HU",
    "Czech": "CZ",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Lebanese": "LB",
    "Jordanian": "JO",
    "Libyan": "LY",
    "Algerian": "DZ",
    "Moroccan": "MA",
    "Ethiopian": "ET",
    "Kenyan": "KE",
    "Lithuanian": "LT",
    "Latvian": "LV",
    "Estonian": "EE",
}
# Nouns after a demonym that make it stand for the state: "the Russian government".
STATE_NOUNS = words(
    "administration army authorities cabinet delegation embassy forces government "
    "leadership military navy officials parliament presidency president regime side state "
    "troops "
)
