"""Errors a user can cause: one type, with a code for programs and a Polish sentence for people.

    UserError(message, code)        the only exception a page or the CLI shows (as its message)
     └── ConflictError              (store) a list for a workshop that already has one: add or replace?

A refusal's ``code`` says what happened in a word a program (or a test) can rely on; its
``message`` says it to a person, in Polish, with what to do. Every code is declared in ``CODES``
below, once, with what it means (``tests/analysis/test_registries.py`` checks that every code
raised anywhere is declared, and that every declared code is raised somewhere). Problems found in
a row (``analysis.reading.normalise.Problem``) are not errors — the row is kept — but carry a code
the same way, declared in ``PROBLEM_CODES``. ``python -m analysis check --json`` prints both: each
file's ``error_code`` and each problem's ``code``.
"""

from __future__ import annotations

# code -> what it means (for the user's guide's table and for programs reading `check --json`)
CODES: dict[str, str] = {
    # reading a file
    "empty_file": "the file has no bytes",
    "too_large": "the file, a sheet or its unpacked parts exceed a limit",
    "too_many_rows": "a sheet has more rows than can be read",
    "too_many_columns": "a sheet has more columns than can be read",
    "too_many_sheets": "the workbook has more sheets than can be read",
    "not_a_spreadsheet": "the content is another kind of document (Word, PDF, image, HTML…)",
    "password_protected": "the file is encrypted with a password",
    "damaged": "the file is broken or incomplete",
    "suspicious": "the file has a structure no honest spreadsheet has",
    "unreadable": "the file cannot be opened (missing, a folder, a device, no permission)",
    "unsupported_format": "a spreadsheet in a format that cannot be read (Excel 2003 XML): save it as .xlsx",
    "reading_stopped": "the reading process hit its memory or time limit, or died: too large unpacked, or damaged",
    "no_resources": "no reading process could be started (the computer lacks memory or processes): try again",
    "reader_failed": "the reader tripped over the file (an unknown structure, or a fault of the program); "
                     "the refusal names the exception's type for the administrator",
    "no_table": "no attendance list, proposals or schedule was found in it",
    "header_only": "the table has a header row and no data",
    "bdl_not_population": "an export of the Local Data Bank (GUS BDL) that holds another variable than the total "
                          "population",
    "bdl_no_gminas": "an export of the Local Data Bank (GUS BDL) that holds no population figure of the county's "
                     "gminas (none of them, or only empty or negative values)",
    # saving to the store
    "file_refused": "an upload holds a file that was refused: nothing is saved",
    "unknown_workshop": "rows whose workshop is not known: nothing is saved",
    "conflict": "a workshop already has a list (or two files of one upload do): add or replace?",
    "conflict_in_upload": "two files of one upload hold one workshop's list and replace was chosen",
    "no_such_batch": "no batch with this id",
    "disk_full": "the disk is full: nothing was saved",
    "store_busy": "another write holds the store: nothing was saved",
    "store_unreachable": "the database cannot be reached or written",
    "store_failed": "the database refused a write: nothing was saved",
    "store_newer": "the store comes from a newer version of the program",
    "store_not_a_database": "where the store's SQLite file should be is an empty file, another kind of file or a "
                            "folder: nothing is opened or overwritten",
    "data_folder_unusable": "the data folder is a file, cannot be made, or its path has a name too long for the disk",
    "database_url_invalid": "DATABASE_URL is not the address of a PostgreSQL or SQLite file database",
    "migration_failed": "upgrading the store failed: it is as it was",
    # the pseudonym key
    "key_missing": "the key that made the store's pseudonyms is missing",
    "key_mismatch": "the key is not the one that made the store's pseudonyms",
    "key_damaged": "the key file is empty or damaged",
    "key_too_short": "the key set in the settings is shorter than 128 bits",
    "key_unwritable": "the new key file could not be written",
    # votes at a workshop (ballot cards, phones, paper)
    "no_such_vote": "no vote with this id",
    "vote_no_proposals": "a vote needs at least one proposal on its ballot",
    "vote_bad_settings": "the number of choices or cards is out of range",
    "vote_not_open": "the vote has not been opened yet: nothing is stored",
    "vote_closed": "the vote is closed: nothing is stored",
    "vote_not_closed": "the result is saved (or the protocol made) only after the vote is closed",
    "card_unknown": "no card with this token or code",
    "card_of_other_vote": "the card belongs to another vote",
    "card_used": "the card has already voted: the first ballot counts, nothing more is stored",
    "card_wrong_sector": "the printed card is of another sector than the person's checked in: not handed out",
    "card_handed_out": "the printed card was handed out to someone already: not handed out again",
    "card_already_given": "the person checked in has a ballot card already: no second one",
    "code_mistyped": "the short code's check character does not match (a typo)",
    "code_too_short": "the typed code has fewer characters than a card's code",
    "code_too_long": "the typed code has more characters than a card's code",
    "code_bad_characters": "the typed code has characters no card's code has (0, 1, 2, 5, 8, B, G, I, L, O, Q, S, V, Z…)",
    "code_example": "the typed code is the page's example or the box's pattern, not a card's code",
    "too_many_guesses": "too many wrong codes from one address: slowed down",
    "no_choice": "a ballot with no proposal chosen",
    "too_many_choices": "more proposals chosen than the vote allows",
    "choice_unknown": "a chosen proposal is not on this vote's ballot",
    # check-in at the door of a workshop
    "checkin_open": "a list of a workshop whose check-in is open, or names shredded while it is open: refused",
    "checkin_list_exists": "the workshop has an attendance list in force already: no second list from a check-in",
    "checkin_sample": "check-in is for the office's own workshops, not the sample's",
    "checkin_bad_settings": "the check-in's information clause or the day its names are kept until is not valid",
    "checkin_unknown": "no check-in with this id",
    "checkin_closed": "the check-in is closed (or its names shredded): nothing is stored",
    "checkin_other_workshop": "the form belongs to the check-in of another workshop: nothing is stored",
    "checkin_name_missing": "no name and surname typed",
    "checkin_name_invalid": "the name has control characters, digits or signs, one word only, or is too long",
    "checkin_institution_invalid": "the institution has control characters, no letter, or is too long",
    "checkin_sector_invalid": "the sector is not one of the vocabulary",
    "checkin_attribute_invalid": "the optional gender or age group is not one of the form's choices",
    "checkin_gmina_invalid": "the gmina is not one of the county's five nor outside it",
    "checkin_too_many": "one browser checked in too many people in a short time: the next one goes to the desk",
    "checkin_no_consent": "no consent to the attendance list: nothing is stored",
    "checkin_needs_sector": "an institution the partnership does not know (or none) needs its sector and gmina",
    "checkin_empty": "nobody is checked in yet: there is no list to close into a batch",
    "checkin_shredded": "the check-in's names were shredded: no list can be written any more",
    "checkin_keep": "the names are to be kept longer: shredding them early must be confirmed",
    "checkin_shred_failed": "a file with names could not be overwritten or removed",
    "checkin_names_unwritable": "a name could not be written to the data folder: nobody is checked in",
    "checkin_names_unreadable": "the check-in's file of names cannot be read",
    # the partners' survey at a workshop (answered with the workshop's ballot card)
    "survey_none": "the card's workshop has no survey: nothing is stored",
    "survey_closed": "the survey is closed: the answer is not stored",
    "survey_answered": "the card has answered the survey already: the first answer counts",
    "survey_incomplete": "a statement has no answer: nothing is stored",
    "survey_bad_score": "an answer outside 1–5: nothing is stored",
    "survey_bad_set": "no set of statements of that id",
    "survey_exists": "the workshop has a survey already",
    "no_such_survey": "the survey is not in the store (removed meanwhile)",
    "survey_vote_cards": "the workshop has a vote: its ballot cards open the survey, no survey cards are made",
    # the office's target mix (whom to invite)
    "targets_invalid": "a target share is outside 0–100% or the shares add up to more than 100%",
    # reports
    "no_such_workshop": "the cycle has no workshop of that number",
    "no_such_proposal": "no proposal with this workshop and number in the cycle",
    "gmina_table_invalid": "an edited gmina table has a row without a gmina or with residents that are not a number",
    "locality_invalid": "a locality added by the office has no name, no gmina of the county, or says nothing new",
    "cannot_write": "the report's file cannot be written",
    "no_chromium": "no Chromium (or Chrome, Edge) to print the evaluation report to PDF: print the HTML from a browser",
    "pdf_failed": "Chromium did not print the evaluation report to PDF (it stopped, or took too long)",
    "no_such_cycle": "the store has no cycle of that name",
}

# code of a problem found in a row (the row is kept) -> what it means
PROBLEM_CODES: dict[str, str] = {
    "control_characters": "invisible control characters were removed from a cell; the rest of its text is kept",
    "sector_inferred": "the sector written is not recognised: it was taken from the institution's name",
    "sector_from_name": "no sector is written (an empty cell, or no sector column): it was taken from the "
                        "institution's name — to check, nothing to correct if right; told once per institution, "
                        "with every row it covers",
    "sector_unknown": "no sector is written or recognised, nor can it be told from the name: counted as other (Inne)",
    "name_missing": "an attendance row has no name: kept, but the person is not recognised at other workshops",
    "title_missing": "a proposal has no title: kept",
    "area_unknown": "a proposal's area is missing or not recognised: kept without an area",
    "votes_not_whole": "the votes are not a whole number (12,5; -3; 1 234): kept without votes",
    "status_unknown": "a proposal's status is not recognised: taken as submitted (zgłoszona)",
    "date_unknown": "a workshop's date in the schedule is not recognised: kept without a date (to be fixed)",
    "date_missing": "a workshop's date in the schedule is empty: kept without a date (to be fixed)",
    "workshop_unknown": "the workshop written in a row is not recognised: the row has no workshop until corrected",
    "workshop_missing": "a row names no workshop and its sheet does not say which: no workshop until corrected",
    "population_not_number": "a gmina's residents are not a whole number: kept without residents",
    "gmina_unknown": "a gmina table's row names no gmina of the partnership: kept as outside the county",
    "status_date_unknown": "a proposal's status date is not recognised: the day of the import is taken",
    "attribute_unknown": "an optional gender or age group cell is not recognised: the person counts as not given",
    "locality_unknown": "a place of origin is not a known locality of the county nor a known place outside it: "
                        "counted as outside the county until the office assigns it to a gmina",
}
# problems that tell what the reader filled in or guessed: the row is complete, there may be nothing to correct
NOTICE_CODES: frozenset[str] = frozenset(("sector_from_name", "locality_unknown"))


class UserError(Exception):
    """Something the user can fix; ``message`` is a Polish sentence saying what to do."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message
