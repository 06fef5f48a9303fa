"""The language guess every stage shares (sentences written for these tests)."""

import pytest

from pipeline.language import declared_code, guess, language_of

SHORT = {
    "en": "Storm shuts Hamburg port\nA storm closed the port of Hamburg on Tuesday and the "
    "container terminals stopped work, a spokesman for the port authority said.",
    "de": "Sturm legt Hamburger Hafen lahm\nDer Sturm hat am Dienstag den Hamburger Hafen "
    "lahmgelegt. Die Terminals stellten den Betrieb ein, wie ein Sprecher sagte.",
    "fr": "Une tempête ferme le port de Hambourg\nLa tempête a paralysé mardi le port de "
    "Hambourg et les terminaux ont cessé le travail, a indiqué un porte-parole.",
    "nb": "Storm stenger havnen i Bergen\nHavnen i Bergen ble stengt tirsdag etter at stormen "
    "hadde ført til store skader, opplyser politiet. Ingen ble skadet.",
    "sv": "Storm stänger hamnen i Göteborg\nHamnen i Göteborg stängdes på tisdagen och "
    "containerterminalerna har inte kunnat arbeta, säger en talesperson för hamnen.",
}
LONG = {
    "en": "Fire at Berlin tram depot\nA fire broke out at a tram depot in the Berlin district "
    "of Moabit on Tuesday night, the fire brigade said. Nobody was hurt, but twelve trams were "
    "damaged and the M10 line will run with buses until the end of the week. The cause of the "
    "fire is not yet known; investigators from the police were at the depot on Wednesday "
    "morning. The transport company BVG said it had enough trams to keep its other lines "
    "running and that it would publish a timetable for the replacement buses later in the day.",
    "de": "Brand in Berliner Straßenbahndepot\nIn einem Depot der Berliner Verkehrsbetriebe in "
    "Moabit ist in der Nacht zum Mittwoch ein Feuer ausgebrochen. Verletzt wurde niemand, "
    "teilte die Feuerwehr mit. Zwölf Straßenbahnen wurden beschädigt, die Linie M10 fährt bis "
    "zum Ende der Woche nur mit Bussen. Die Ursache des Brandes ist noch unklar; Ermittler "
    "der Polizei waren am Morgen vor Ort. Die BVG erklärte, sie habe genug Bahnen, um die "
    "anderen Linien weiter zu bedienen, und werde den Fahrplan der Ersatzbusse im Laufe des "
    "Tages veröffentlichen.",
    "fr": "Incendie dans un dépôt de tramways à Lyon\nUn incendie s'est déclaré mardi soir dans "
    "un dépôt de tramways à Lyon, a indiqué la police. Il n'y a pas eu de blessés, mais douze "
    "rames ont été endommagées et la ligne T1 sera assurée par des bus jusqu'à la fin de la "
    "semaine. La cause de l'incendie n'est pas encore connue; des enquêteurs se trouvaient "
    "sur place mercredi matin. L'exploitant a assuré qu'il disposait d'assez de rames pour "
    "faire circuler les autres lignes.",
    "nb": "Brann i trikkestall i Oslo\nDet brøt ut brann i en trikkestall på Grünerløkka i Oslo "
    "natt til onsdag, opplyser politiet. Ingen ble skadet, men tolv trikker ble ødelagt, og "
    "linje 11 vil bli kjørt med buss ut uken. Årsaken til brannen er ikke kjent, og politiet "
    "har startet etterforskning. Sporveien sier at de har nok vogner til å holde de andre "
    "linjene i gang, og at en ny rutetabell for bussene vil komme i løpet av dagen.",
    "sv": "Brand i spårvagnsdepå i Göteborg\nEn brand bröt ut i en spårvagnsdepå i Göteborg "
    "natten till onsdag, uppger polisen. Ingen skadades, men tolv spårvagnar förstördes och "
    "linje 6 kommer att trafikeras med bussar under resten av veckan. Orsaken till branden är "
    "inte känd och polisen har inlett en utredning. Västtrafik säger att bolaget har "
    "tillräckligt många vagnar för att köra de andra linjerna och att en ny tidtabell för "
    "bussarna kommer under dagen.",
}


@pytest.mark.parametrize(("language", "text"), SHORT.items())
def test_a_headline_and_a_sentence_are_enough(language, text):
    assert len(text.split()) <= 30
    assert guess(text) == language


@pytest.mark.parametrize(("language", "text"), LONG.items())
def test_the_guess_names_the_language_of_a_story(language, text):
    assert guess(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "Siemens wins Indian rail order",
        "Scholz met Macron in Paris",  # "met" is Dutch for "with"
        "Politics Starmer\nStarmer to visit Washington",
        "Results\nManchester United 2 Chelsea 1\nArsenal 0 Liverpool 3",
        "",
    ],
)
def test_english_wins_when_the_text_has_few_function_words_or_none(text):
    assert guess(text) == "en"


def test_a_word_several_languages_list_does_not_decide_alone():
    # "in", "am" and "so" are English and German; "die" and "und" German only.
    assert guess("Unfall in Berlin: die Polizei sperrt die Straße und so am Abend") == "de"
    assert guess("in Berlin so am") == "en"


def test_a_declared_language_wins_over_the_text():
    assert language_of("de-DE", LONG["en"]) == "de"
    assert language_of(" EN_gb", LONG["de"]) == "en"
    assert language_of(None, SHORT["de"]) == "de"
    assert language_of("", SHORT["sv"]) == "sv"


def test_declared_codes_drop_region_and_case():
    assert declared_code("nb-NO") == "nb"
    assert declared_code("FR") == "fr"
    assert declared_code(None) is None
    assert declared_code("  ") is None
