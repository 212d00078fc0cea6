"""An xlsx or pptx file as an office suite reads it: its parts' XML, read with zipfile and ElementTree.

Not through openpyxl or python-pptx, which wrote the files: what they hold is read here the way an
office suite finds it (a chart's axes and colours, a sheet's cells, number formats, page setup and
page breaks, the drawings' anchors).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

NS = {
    "s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
R_ID = f"{{{NS['r']}}}id"
EMU_PER_POINT = 12700
# number formats Excel knows by number (ECMA-376 part 1, 18.8.30), those a report may use
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"}


class Package:
    """The parts of an Office Open XML file and the relationships between them."""

    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def xml(self, part: str) -> ET.Element:
        return ET.fromstring(self.zip.read(part))

    def related(self, part: str) -> dict[str, str]:
        """The parts ``part`` refers to, by relationship id."""
        folder, name = posixpath.split(part)
        rels = f"{folder}/_rels/{name}.rels"
        if rels not in self.zip.namelist():
            return {}
        targets = {}
        for rel in self.xml(rels).findall("rel:Relationship", NS):
            target = rel.get("Target", "")
            targets[rel.get("Id", "")] = (target.lstrip("/") if target.startswith("/")
                                          else posixpath.normpath(posixpath.join(folder, target)))
        return targets


@dataclass
class Chart:
    """A chart part: its series, their colours and values, its axes."""

    root: ET.Element
    resolve: object = None  # xlsx: a function from a formula ('Sheet'!$A$2:$A$4) to the cells' values

    @property
    def title(self) -> str:
        title = self.root.find("c:chart/c:title", NS)
        return "".join(t.text or "" for t in title.iter(f"{{{NS['a']}}}t")) if title is not None else ""

    @property
    def bar_direction(self) -> str:
        return self.root.find(".//c:barDir", NS).get("val")

    @property
    def grouping(self) -> str:
        return self.root.find(".//c:grouping", NS).get("val")

    def _data(self, source: ET.Element | None) -> list:
        if source is None:
            return []
        cache = source.find(".//c:strCache", NS)
        if cache is None:
            cache = source.find(".//c:numCache", NS)
        if cache is not None:
            points = {int(pt.get("idx")): pt.find("c:v", NS).text for pt in cache.findall("c:pt", NS)}
            count = int(cache.find("c:ptCount", NS).get("val"))
            return [points.get(i) for i in range(count)]
        formula = source.find(".//c:f", NS)
        assert formula is not None and self.resolve is not None, "a reference with neither a cache nor a sheet"
        return self.resolve(formula.text)

    def series(self) -> list[Series]:
        found = []
        for ser in self.root.findall(".//c:ser", NS):
            name = self._data(ser.find("c:tx", NS))
            fill = ser.find("c:spPr/a:solidFill/a:srgbClr", NS)
            points = {int(d.find("c:idx", NS).get("val")): d.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val")
                      for d in ser.findall("c:dPt", NS) if d.find("c:spPr/a:solidFill/a:srgbClr", NS) is not None}
            values = [None if v is None or v == "" else float(v) for v in self._data(ser.find("c:val", NS))]
            found.append(Series(str(name[0]) if name else "", fill.get("val") if fill is not None else None, points,
                                [str(c) for c in self._data(ser.find("c:cat", NS))], values))
        return found

    def value_axis(self) -> ET.Element:
        return self.root.find(".//c:valAx", NS)

    def category_axis(self) -> ET.Element:
        return self.root.find(".//c:catAx", NS)

    def scale(self, which: str) -> float | None:
        found = self.value_axis().find(f"c:scaling/c:{which}", NS)
        return float(found.get("val")) if found is not None else None

    def value_format(self) -> tuple[str, str] | None:
        fmt = self.value_axis().find("c:numFmt", NS)
        return (fmt.get("formatCode"), fmt.get("sourceLinked")) if fmt is not None else None

    def label_skip(self) -> int | None:
        skip = self.category_axis().find("c:tickLblSkip", NS)
        return int(skip.get("val")) if skip is not None else None

    def label_size(self) -> float | None:
        """The category labels' type in points: the axis's own, else the chart's, else None (the reader's)."""
        for place in (self.category_axis(), self.root):
            size = place.find("c:txPr//a:defRPr[@sz]", NS)
            if size is not None:
                return int(size.get("sz")) / 100
        return None


@dataclass
class Series:
    name: str
    color: str | None  # "1F4E79"
    points: dict[int, str]  # a category's own colour, by its index
    categories: list[str]
    values: list[float | None]


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter.upper()) - 64
    return number


def _cell_ref(ref: str) -> tuple[int, int]:
    """"B12" -> (12, 2)."""
    letters, digits = re.fullmatch(r"\$?([A-Za-z]+)\$?(\d+)", ref).groups()
    return int(digits), _column(letters)


class Workbook:
    """A workbook's sheets: cells (value, number format), print setup, drawings with their charts."""

    def __init__(self, data: bytes):
        self.package = Package(data)
        book = self.package.xml("xl/workbook.xml")
        rels = self.package.related("xl/workbook.xml")
        self.sheet_names = [s.get("name") for s in book.findall("s:sheets/s:sheet", NS)]
        self.parts = {s.get("name"): rels[s.get(R_ID)] for s in book.findall("s:sheets/s:sheet", NS)}
        self.defined = {(d.get("name"), int(d.get("localSheetId", "-1"))): d.text
                        for d in book.findall("s:definedNames/s:definedName", NS)}
        names = self.package.zip.namelist()
        self.shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['s']}}}t"))
                       for si in self.package.xml("xl/sharedStrings.xml").findall("s:si", NS)] \
            if "xl/sharedStrings.xml" in names else []
        styles = self.package.xml("xl/styles.xml")
        custom = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("s:numFmts/s:numFmt", NS)}
        self.formats = [custom.get(int(xf.get("numFmtId", "0")), BUILTIN_FORMATS.get(int(xf.get("numFmtId", "0"))))
                        for xf in styles.findall("s:cellXfs/s:xf", NS)]
        self._cells: dict[str, dict[tuple[int, int], tuple[object, str, str]]] = {}

    def sheet(self, name: str) -> ET.Element:
        return self.package.xml(self.parts[name])

    def cells(self, name: str) -> dict[tuple[int, int], tuple[object, str, str]]:
        """(row, column) -> (value, its type as written, its number format)."""
        if name not in self._cells:
            found = {}
            for c in self.sheet(name).findall("s:sheetData/s:row/s:c", NS):
                kind = c.get("t", "n")
                if kind == "inlineStr":
                    value: object = "".join(t.text or "" for t in c.iter(f"{{{NS['s']}}}t"))
                elif kind == "s":
                    value = self.shared[int(c.find("s:v", NS).text)]
                else:
                    v = c.find("s:v", NS)
                    value = None if v is None else v.text if kind in ("str", "b", "e") else float(v.text)
                found[_cell_ref(c.get("r"))] = (value, kind, self.formats[int(c.get("s", "0"))])
            self._cells[name] = found
        return self._cells[name]

    def resolve(self, formula: str) -> list:
        """The values of the cells a chart's formula names, in order."""
        sheet, _, area = formula.rpartition("!")
        sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        first, _, last = area.partition(":")
        (r1, c1), (r2, c2) = _cell_ref(first), _cell_ref(last or first)
        cells = self.cells(sheet)
        return [cells.get((r, c), (None,))[0] for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]

    def charts(self, name: str) -> list[tuple[ET.Element, Chart]]:
        """Each chart of the sheet with the drawing's anchor that places it."""
        part = self.parts[name]
        drawing = self.sheet(name).find("s:drawing", NS)
        if drawing is None:
            return []
        drawing_part = self.package.related(part)[drawing.get(R_ID)]
        charts = self.package.related(drawing_part)
        found = []
        for anchor in self.package.xml(drawing_part):
            ref = anchor.find(".//c:chart", NS)
            if ref is not None:
                found.append((anchor, Chart(self.package.xml(charts[ref.get(R_ID)]), self.resolve)))
        return found


def deck_charts(data: bytes) -> list[tuple[str, ET.Element, Chart]]:
    """Each chart of a deck: its slide's title, the graphic frame holding it, the chart."""
    package = Package(data)
    presentation = package.xml("ppt/presentation.xml")
    slides = package.related("ppt/presentation.xml")
    found = []
    for entry in presentation.findall("p:sldIdLst/p:sldId", NS):
        part = slides[entry.get(R_ID)]
        slide = package.xml(part)
        title = next(("".join(t.text or "" for t in sp.iter(f"{{{NS['a']}}}t"))
                      for sp in slide.iter(f"{{{NS['p']}}}sp")
                      if sp.find("p:nvSpPr/p:nvPr/p:ph[@type='title']", NS) is not None
                      or sp.find("p:nvSpPr/p:nvPr/p:ph[@type='ctrTitle']", NS) is not None), "")
        related = package.related(part)
        for frame in slide.iter(f"{{{NS['p']}}}graphicFrame"):
            ref = frame.find(".//c:chart", NS)
            if ref is not None:
                found.append((title, frame, Chart(package.xml(related[ref.get(R_ID)]))))
    return found


def deck_slides(data: bytes) -> list[tuple[str, list[str], int]]:
    """Each slide of a deck: its title, the text of its other shapes' paragraphs, how many charts it has."""
    package = Package(data)
    presentation = package.xml("ppt/presentation.xml")
    slides = package.related("ppt/presentation.xml")
    found = []
    for entry in presentation.findall("p:sldIdLst/p:sldId", NS):
        slide = package.xml(slides[entry.get(R_ID)])
        title, texts = "", []
        for sp in slide.iter(f"{{{NS['p']}}}sp"):
            paragraphs = ["".join(t.text or "" for t in p.iter(f"{{{NS['a']}}}t")) for p in sp.iter(f"{{{NS['a']}}}p")]
            if sp.find("p:nvSpPr/p:nvPr/p:ph[@type='title']", NS) is not None:
                title = " ".join(paragraphs)
            else:
                texts.extend(p for p in paragraphs if p)
        charts = sum(frame.find(".//c:chart", NS) is not None for frame in slide.iter(f"{{{NS['p']}}}graphicFrame"))
        found.append((title, texts, charts))
    return found
