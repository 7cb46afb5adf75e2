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

# Why a claim is unverifiable. What was read of each cited source is in data/source_reads.csv.
NO_SOURCE_CITED = "no-source-cited"  # the article cites nothing, and its own numbers cannot check it
OPINION_OR_FORECAST = "opinion-or-forecast"  # no data can check it
NOT_IN_SOURCE = "not-in-source"  # the cited source was read in full and does not print the number
NOT_IN_PART_READ = "not-in-part-read"  # only part (e.g. the abstract) could be read, and it does not print the number
SOURCE_NOT_PUBLIC = "source-not-public"  # no public copy of the source exists to read
SOURCE_NOT_FOUND = "source-not-found"  # the source is public, but no copy could be reached to read
SOURCE_NOT_READ = "source-not-read"  # nobody has tried yet: the audit's tests allow none
UNVERIFIABLE_REASONS = (NO_SOURCE_CITED, OPINION_OR_FORECAST, NOT_IN_SOURCE, NOT_IN_PART_READ,
                        SOURCE_NOT_PUBLIC, SOURCE_NOT_FOUND, SOURCE_NOT_READ)
REASON_MEANINGS = {
    NO_SOURCE_CITED: "the article cites no source, and none of its own numbers can check the claim",
    OPINION_OR_FORECAST: "the claim is an opinion or a forecast, which no data can check",
    NOT_IN_SOURCE: "the book read the whole of the cited source, and it does not give the number",
    NOT_IN_PART_READ: "the book could read only part of the cited source (usually the abstract), and that part does not give the number",
    SOURCE_NOT_PUBLIC: "the cited source has no public copy to read",
    SOURCE_NOT_FOUND: "the cited source is public, but no copy of it could be reached to read",
    SOURCE_NOT_READ: "the book has not yet tried to read the cited source",
}
# What of a source was read (data/source_reads.csv, column `read`).
READ_FULL_TEXT, READ_ABSTRACT, READ_EXCERPT, READ_NOTHING = "full text", "abstract", "excerpt", "nothing"
