"""Check-in at the door of a workshop: the attendance list born clean, with no name in the store.

- ``form``: what a check-in form may hold (``Form``; name, institution, sector, gmina checked).
- ``desk``: a check-in's life (``CheckIns``): open, check people in, close into an attendance batch,
  the paper list, shredding; known institutions and their suggestions.
- ``names``: the names' files in the data folder (journal, the paper list) and their shredding.
"""

from analysis.checkin.desk import CheckIn, CheckIns, Closed, Registered, Suggestion, guessed_sector, suggest
from analysis.checkin.form import CHANNELS, GMINA_CHOICES, MAX_NAME, Form, clean_name

__all__ = ["CHANNELS", "GMINA_CHOICES", "MAX_NAME", "CheckIn", "CheckIns", "Closed", "Form", "Registered", "Suggestion",
           "clean_name", "guessed_sector", "suggest"]
