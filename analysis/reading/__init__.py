"""Reading: bytes -> sheets -> canonical tables, with the problems found and the refusals' codes.

- ``readers``: what a file really is (by its content) and every sheet of it as a grid of cells;
  spreadsheets are read by ``_calamine_worker`` in a separate, resource-limited process.
- ``tables``: in a sheet, the header row, the kind of table and which column holds which field
  (``analysis.fields`` declares them); then every value turned into the vocabulary's codes.
- ``importer``: the files of one upload (or one ``check``) read together, each file's tables or
  the refusal that says why not.

Nothing is imported here: ``python -m analysis check`` imports pandas only once the sheets are read.
"""
