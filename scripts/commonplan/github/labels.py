"""The labels the GitHub loop reads and writes on issues: its state, kept on GitHub itself.

GitHub's issue forms do not create a label that does not exist yet, so a repository needs
them made once (docs/github.md says how).
"""

FEEDBACK_LABEL = "feedback"  # set by the issue form; ingest reads only issues that have it
RECORDED_LABEL = "recorded"  # ingest wrote the feedback down
NEEDS_INFO_LABEL = "needs-info"  # ingest asked for something the issue lacks
ANSWERED_LABEL = "answered"  # notify told the person the owners' answer
REPORT_LABEL = "report"  # set by the report form; ingest reads issues that have it as reports
REPORTED_LABEL = "reported"  # ingest recorded the report and told the moderators
