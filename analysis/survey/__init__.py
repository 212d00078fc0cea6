"""The partners' survey at a workshop: the statements' registry and the survey's box (answers by card).

- ``statements``: the sets of statements (Polish text, factor, order) and the 1–5 scale.
- ``box``: open and close a workshop's survey, answer it with the workshop's ballot card (one answer per
  card, enforced by the database; the answer stored apart from the card), its live count.
The answers are aggregated in ``analysis.metrics.survey``.
"""
