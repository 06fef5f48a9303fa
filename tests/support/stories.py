"""Sample wire texts for dedupe tests: one story, small-edit copies of it, an unrelated one;
two fires in one city and a later report of the first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pipeline.schemas import Article, PubStatus

STORY = [
    "The Russian space agency Roscosmos and the China National Space Administration signed a "
    "memorandum of understanding on Tuesday to build a joint research station on the Moon, "
    "the two agencies said in a statement.",
    "The station will be open to other countries and international partners, according to the "
    "statement, which did not give a date for the start of construction or an estimated cost.",
    "Roscosmos head Dmitry Rogozin and CNSA administrator Zhang Kejian held a video call to "
    "sign the document, which covers the planning, design and operation of the facility on the "
    "lunar surface or in lunar orbit.",
    "China landed a probe on the far side of the Moon in 2019 and brought lunar samples back to "
    "Earth last year, while Russia plans to resume its own lunar programme with a landing mission.",
    "Officials from both countries have described space as a priority area of their strategic "
    "partnership, and the agreement follows years of talks on navigation satellites and deep "
    "space communication.",
    "The United States is leading a separate international effort to return astronauts to the "
    "Moon, and several of its partners have signed accords setting out principles for the "
    "exploration and use of the lunar surface.",
]
UNRELATED = [
    "Heavy rain flooded parts of the northern region overnight, forcing hundreds of residents "
    "to leave their homes and closing several roads, local emergency services said on Monday.",
    "Rescue teams used boats to reach villages cut off by the water, and schools in three "
    "districts were closed while engineers inspected bridges damaged by the flood.",
]
RETOLD = [
    "Russia and China will jointly build a scientific research station on the Moon under a "
    "memorandum signed on Tuesday by Roscosmos chief Dmitry Rogozin and Zhang Kejian, head of "
    "the China National Space Administration.",
    "The lunar station, which other nations will be invited to join, could be placed on the "
    "surface of the Moon or in orbit around it, Roscosmos said after the online ceremony.",
    "Beijing has expanded its lunar exploration in recent years, while Moscow is preparing its "
    "first Moon landing mission in decades.",
]
EDITS = [
    ("Tuesday", "Wednesday"), ("joint", "shared"), ("two agencies", "agencies"),
    ("video call", "video link"), ("last year", "in 2020"), ("open to", "available to"),
    ("planning", "planning and funding"), ("Earth", "the Earth"), ("landing mission", "lander"),
    ("statement,", "joint statement,"),
]  # fmt: skip
T0 = datetime(2021, 3, 9, 14, 29, tzinfo=UTC)


def copy_of_story(number: int) -> list[str]:
    """The story with one or two small edits that depend on ``number`` (0 is the original)."""
    paragraphs = list(STORY)
    for old, new in (EDITS[number % len(EDITS)], EDITS[(number * 3) % len(EDITS)])[: number and 2]:
        paragraphs = [paragraph.replace(old, new, 1) for paragraph in paragraphs]
    return paragraphs


def article(
    paragraphs: list[str],
    item_key: str = "test:item-1",
    version: int = 1,
    minutes: int = 0,
    **fields: object,
) -> Article:
    values: dict[str, object] = {
        "format": "plaintext",
        "item_key": item_key,
        "version": version,
        "agency": "Interfax",
        "headline": "Russia and China agree to build lunar station",
        "published_at": T0 + timedelta(minutes=minutes),
        "pubstatus": PubStatus.USABLE,
        "paragraphs": paragraphs,
    }
    values.update(fields)
    return Article.model_validate(values)


@dataclass(frozen=True)
class Telling:
    """A report written for the tests: its headline, paragraphs and hours after ``T0``."""

    headline: str
    paragraphs: list[str]
    hours: int

    def article(self, item_key: str, **fields: object) -> Article:
        values: dict[str, object] = {"agency": "PA", "headline": self.headline} | fields
        return article(self.paragraphs, item_key, minutes=self.hours * 60, **values)


# Two fires in one city, two days apart, worded as wire copy words them (alike), and a report
# of the first one a day later. T0 is a Tuesday: "Monday night" is 8 March, "Wednesday" 10 March.
MONDAY_FIRE = Telling(
    "Fire destroys warehouse in Leeds",
    [
        "A fire destroyed a furniture warehouse in Leeds on Monday night, West Yorkshire Fire "
        "and Rescue Service said. About 60 firefighters fought the blaze, which sent black "
        "smoke over the city centre.",
        "No one was hurt. The cause of the fire is being investigated, police said.",
    ],
    0,
)
WEDNESDAY_FIRE = Telling(
    "Fire destroys warehouse in Leeds",
    [
        "A fire destroyed a timber warehouse in Leeds on Wednesday, West Yorkshire Fire and "
        "Rescue Service said. About 40 firefighters fought the blaze, which sent black smoke "
        "over the east of the city.",
        "No one was hurt. The cause of the fire is being investigated, police said.",
    ],
    48,
)
MONDAY_FIRE_RETOLD = Telling(
    "Leeds warehouse fire was started deliberately, police say",
    [
        "The fire that destroyed a furniture warehouse in Leeds on Monday was started "
        "deliberately, West Yorkshire Police said. About 60 firefighters fought the blaze "
        "through the night.",
        "Detectives have appealed for witnesses.",
    ],
    24,
)
