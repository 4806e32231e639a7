"""One Dutch date convention (overrides Django's nl formats): "3 december 2026" in text,
"03-12-2026" in tables and lists (SHORT_DATE_FORMAT). Month names stay lower case."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
