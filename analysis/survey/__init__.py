"""The partners' survey at a workshop: the survey's box (answers by card).

- ``box``: open and close a workshop's survey, answer it with the workshop's ballot card (one answer per
  card, enforced by the database; the answer stored apart from the card), its live count.
The statements' registry is a declaration of the base (``analysis.survey_statements``); the answers are
aggregated in ``analysis.metrics.survey``.
"""
