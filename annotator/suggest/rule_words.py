"""Word lists of the rule suggestions (lower case): reporting verbs and what a count is not."""
from __future__ import annotations

_FORMS = {
    "say": "say says said saying", "tell": "tell tells told telling", "report": "reported reports reporting",
    "warn": "warn warns warned warning", "deny": "deny denies denied denying",
    "accuse": "accuse accuses accused accusing", "claim": "claim claims claimed claiming",
    "estimate": "estimated estimates estimating", "add": "added adds", "state": "stated",
    "announce": "announce announces announced announcing", "confirm": "confirm confirms confirmed confirming",
    "insist": "insist insists insisted insisting", "explain": "explained explains", "note": "noted notes",
    "allege": "alleges alleged alleging", "acknowledge": "acknowledged acknowledges",
    "admit": "admitted admits", "argue": "argued argues", "assert": "asserted asserts",
    "declare": "declared declares", "stress": "stressed stresses", "urge": "urged urges",
    "vow": "vowed vows", "pledge": "pledged pledges", "threaten": "threatened threatens",
    "write": "wrote writes", "tweet": "tweeted tweets", "cite": "citing cited", "quote": "quoted quoting",
    "describe": "described describes", "reveal": "revealed reveals", "recount": "recounted recounts",
    "recall": "recalled recalls", "predict": "predicted predicts", "blame": "blamed blames",
    "condemn": "condemned condemns", "dismiss": "dismissed", "reject": "rejected rejects",
    "disclose": "disclosed", "testify": "testified", "reply": "replied", "respond": "responded",
    "suggest": "suggested", "indicate": "indicated", "maintain": "maintained", "contend": "contended",
    "concede": "conceded",
}
REPORTING_VERBS = frozenset(w for forms in _FORMS.values() for w in forms.split())

# Forms that are often nouns or adjectives: a verb only when no determiner is in front and no
# noun-like follower after ("the reported attack", "UN estimates suggest", "a warning").
NOUN_LIKE_VERBS = frozenset(
    "reported reports reporting warning claim claims estimated estimates accused alleged notes quoted "
    "confirmed rejected described cited dismissed stated".split())
DETERMINERS = frozenset(
    "the a an this that these those its his her their our your such some any no every each of by in on for "
    "from to with and or".split())
# "have the most say", "a say in": the noun
SAY_AS_NOUN_AFTER = frozenset("a the no any some more most final little equal greater bigger real".split())
# In front of a plural noun ("media reports", "official estimates"), not of a verb ("media reported")
NOUN_MODIFIERS = frozenset(
    "media news unconfirmed official initial earlier previous local independent press first second latest new "
    "recent similar un government police army witness".split())
NOUN_FOLLOWERS = frozenset(
    "suggest suggests suggested show shows showed indicate indicates put puts vary say says said "
    "are were is was cases case deaths death dead casualties number numbers figure figures toll "
    "attack attacks strike strikes killing killings of from by in".split())

AUXILIARIES = frozenset(
    "has have had is was were are be been being will would could can may might should shall must "
    "did does do didn't doesn't don't hasn't haven't hadn't wasn't weren't isn't won't wouldn't "
    "couldn't reportedly".split())
VERB_ADVERBS = frozenset("also later earlier previously again never not still already further often once "
                         "repeatedly since then".split())
# Words ending in -ly that are not adverbs in front of a verb
NOT_ADVERBS = frozenset("family ally italy rally july assembly assembly supply reply only early daily monthly "
                        "weekly yearly holy".split())

# After a number: amounts of something that is not people or events
FIGURE_STOP_AFTER = frozenset(
    # per cent, measures, money
    "% percent per pc percentage points point km kms kilometres kilometers kilometre kilometer miles mile mi "
    "metres meters metre meter m cm mm feet foot ft inches inch sq square hectares hectare acres acre "
    "litres liters litre liter gallons gallon barrels barrel tonnes tonne tons ton kg kilograms kilogram "
    "kilos grams gram lb lbs pounds pound ounces mph kph knots degrees degree ° celsius fahrenheit mw "
    "megawatts gigawatts kilowatts volts calibre caliber "
    "dollars dollar usd euros euro eur cents cent gbp yen yuan renminbi rupees rupee roubles rubles rouble "
    "ruble lira liras pesos peso riyals riyal dinars dinar shekels shekel hryvnias hryvnia afghanis afghani "
    "francs franc pounds sterling dirhams rand naira shillings birr kyat taka "
    # durations, times and dates
    "seconds second minutes minute hours hour hrs days day weeks week months month years year yrs decades "
    "decade centuries century nights night times am pm a.m p.m gmt utc bst cet est edt local o'clock "
    "th st nd rd "
    # ratios and ranks
    "to-1 out".split())
# Things, not people or events (DOMAIN.md: a FIGURE counts people or events), looked for in the
# few words after a number up to the first function word ("two civil defence centres were").
# Drones, missiles and shells stay counts: each one launched is an attack, an event.
THINGS = frozenset(
    "buildings building homes home houses house apartments flats shops trucks truck lorries lorry vehicles "
    "vehicle cars car buses tanks tank weapons guns rifles boats ships vessels schools hospitals mosques "
    "churches bridges roads checkpoints villages towns cities countries provinces districts tents bags meals "
    "doses kilos rations centers centres facilities clinics markets bakeries warehouses".split())
NOUN_PHRASE_ENDS = frozenset("in on at and or were was had have has who which that to from by for with as "
                             "are is be been".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split())
CURRENCY_BEFORE = frozenset("$ € £ ¥ us$ usd eur gbp rs inr sr aed".split())
IDENTIFIER_BEFORE = frozenset(
    "no number resolution resolutions article articles route highway road flight brigade division battalion "
    "regiment unit level phase section page chapter room building block gate sector zone district "
    "paragraph clause covid km kilometre channel line platform apartment floor grade class category "
    "version model type stage round week day year episode season vote".split())
YEAR_FOLLOWERS = frozenset(
    "and or the a an in on at of to for by with from as when after before since until but while which that "
    "this these those election elections war conflict uprising revolution".split())
ONE_NOT_FIGURE_BEFORE = frozenset("no any every some the this that which each anyone someone such".split())
ONE_NOT_FIGURE_AFTER = frozenset("of another side hand point thing way".split())
