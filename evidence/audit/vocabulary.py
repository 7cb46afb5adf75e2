"""The verdicts of the claims audit, and why a claim can be unverifiable. Used everywhere."""

CONFIRMED = "confirmed"  # a primary source gives the same number, population, measure and time point
CONSISTENT = "consistent"  # the article's own arithmetic holds, or a threshold/definition matches its source
MISCITED = "miscited"  # the number is right but belongs to another source, population, measure or time point
INCONSISTENT = "inconsistent"  # the article's own numbers cannot all be true together
CONTRADICTED = "contradicted"  # the primary source says something different
UNVERIFIABLE = "unverifiable"  # nothing can check it yet; unverifiable_reason says why
VERDICTS = (CONFIRMED, CONSISTENT, MISCITED, INCONSISTENT, CONTRADICTED, UNVERIFIABLE)

MEANINGS = {
    CONFIRMED: "a primary source gives the same number, for the same population, measure and time point, at the precision printed",
    CONSISTENT: "the article's own arithmetic holds, or the number is a threshold or definition that matches its source, "
                "but no primary source confirms the number itself",
    MISCITED: "the number is right, but it belongs to another source, population, measure or time point than the article gives it",
    INCONSISTENT: "the article's own numbers cannot all be true together",
    CONTRADICTED: "the primary source says something different",
    UNVERIFIABLE: "nothing can check it yet; the reason says why",
}

NO_SOURCE_CITED = "no-source-cited"
SOURCE_NOT_READ = "source-not-read"
SOURCE_NOT_PUBLIC = "source-not-public"
OPINION_OR_FORECAST = "opinion-or-forecast"
UNVERIFIABLE_REASONS = (NO_SOURCE_CITED, SOURCE_NOT_READ, SOURCE_NOT_PUBLIC, OPINION_OR_FORECAST)
