"""termlint: a terminology linter for child-protection legislation and policy drafts."""

__version__ = "0.1.0"

# Version of the JSON output contract (see README, "JSON output"). Bump the major part on
# any incompatible change to field names or meanings.
JSON_SCHEMA_VERSION = "1.0"
