"""What the tests of the slide show share: its frame on the presentation page, a remote's keys, the slides of the
sample's show for 4. Legionowo, the check of the slide on the screen, the show opened from disk offline."""

from __future__ import annotations

SHOW = "iframe[title='Pokaz slajdów']"
KEYS = ["PageDown", "ArrowRight", "Space", "ArrowDown"]  # what remotes and keyboards send for "next"
SLIDES = ["cover", "cycle", "sectors", "balance", "per_10k", "cohort", "areas", "cooperation", "projects", "status_time",
          "votes_spread", "vote", "vote", "vote", "vote", "next"]  # no "cycles": 2018 is the first cycle

# Everything a person reads on the current slide: HTML elements and the charts' SVG text. Each must
# lie within the window and within the slide (nothing cut); body text is measured as drawn.
CHECK = """() => {
  const slide = document.querySelector('.slide.current');
  const box = slide.getBoundingClientRect();
  const W = window.innerWidth, H = window.innerHeight;
  const outside = [];
  for (const el of slide.querySelectorAll('h1, p, li, span, div, footer, header, ol, svg.main-svg, svg text')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const out = r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5 ||
      r.left < box.left - 0.5 || r.top < box.top - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5;
    if (out) outside.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' ' + (el.textContent || '').slice(0, 40)
                          + ' ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
  }
  const body = Array.from(slide.querySelectorAll('.body')).map(el => parseFloat(getComputedStyle(el).fontSize) * show.scale);
  return {index: show.index, count: show.count, key: slide.getAttribute('data-key'), outside: outside,
          body: body.length ? Math.min.apply(null, body) : null, chart: !!slide.querySelector('.chart'),
          drawn: Array.from(slide.querySelectorAll('.chart')).filter(c => c.querySelector('svg.main-svg')).length,
          stage: [box.left, box.top, box.width, box.height].map(Math.round)};
}"""


def offline(browser, path, width: int, height: int):
    """``path`` (a show written to disk) in a new browser context with the network cut, once it is ready."""
    context = browser.new_context(offline=True, viewport={"width": width, "height": height})
    return context, opened(context, path)


def opened(context, path):
    """``path`` (a show written to disk) in a new tab of ``context``, once it is ready."""
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("document.body.getAttribute('data-ready')", timeout=60_000)
    return page
