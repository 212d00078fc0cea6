"""The phone's ballot in Chromium at 390×844: what lies over the list stays readable.

The dashboard and its vote come from ``test_glosowanie.hall`` (a server per module, a vote opened).
"""

from __future__ import annotations

from tests.browser.test_glosowanie import PHONE, _idle, hall  # noqa: F401  (hall: the module's fixture)

# the colour of the pixel rows under the button are the button's own: its box and every box above it opaque
_OPAQUE = """(el) => {
    const boxes = [];
    for (let e = el; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        boxes.push({tag: e.tagName, opacity: s.opacity, background: s.backgroundColor});
    }
    return boxes;
}"""


def _alpha(colour: str) -> float:
    inside = colour[colour.index("(") + 1:colour.index(")")].replace("/", ",").split(",")
    return float(inside[3]) if len(inside) == 4 else 1.0


def test_the_disabled_next_button_hides_the_list_under_it(hall, browser):  # noqa: F811
    url, votes, vote, cards = hall
    from analysis.voting import codes

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(codes.card_url(url, cards["business"][5].token))
    _idle(page)
    button = page.get_by_role("button", name="Dalej")
    button.wait_for(timeout=60_000)
    assert button.is_disabled()  # nothing chosen yet
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # it stays at the bottom, over the list
    chain = button.evaluate(_OPAQUE)
    assert all(float(b["opacity"]) == 1 for b in chain), chain
    assert _alpha(chain[0]["background"]) == 1, chain[0]
    context.close()
