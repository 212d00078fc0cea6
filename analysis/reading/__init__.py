"""Reading: bytes -> sheets -> canonical tables, with the problems found and the refusals' codes.

- ``readers``: what a file really is (by its content) and every sheet of it as a grid of cells;
  spreadsheets are read by ``_calamine_worker`` in a separate, resource-limited process.
- ``locate``: in a sheet, the header row, the kind of table and which column holds which field
  (``analysis.fields`` declares them); no pandas.
- ``normalise``: the data rows below the header, every value turned into the vocabulary's codes,
  each problem with its code (``analysis.errors.PROBLEM_CODES``) at its spreadsheet row.
- ``importer``: the files of one upload (or one ``check``) read together, each file's tables or
  the refusal that says why not (its code, ``analysis.errors.CODES``, and a Polish sentence).

Nothing is imported here: ``python -m analysis check`` imports pandas only once the sheets are read.
"""
