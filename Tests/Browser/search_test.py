"""Search and collection filters, in a real browser: headless Chromium (Debian's) driven by Playwright for Python.

Run by the Swift test `BrowserTests` (scripts/test installs Playwright and Pagefind into .build-tools/venv and
Chromium with apt). It copies the sample store (with one variant sold out, so "in stock" narrows something),
serves it with `showroom serve`, and searches and filters as a shopper would at a phone's and a laptop's width.
Every expected set of products is worked out here from the copy's catalog.json and write-ups, not from the site:

  search:  a word that only one product's write-up has; a misspelt beginning of a title word; an accented
           title typed without its accent; a CJK title; results show the card's picture, title and price.
  filters: a colour on all products, then "in stock" as well: exactly the products whose catalog data
           match; the counts beside the values; sorting by price gives ascending prices; the URL keeps the
           state, a reload restores it, the back button returns to the previous state.

Usage: search_test.py --showroom PATH --repo PATH [--screenshots DIR] [--image-cache DIR]
Exits 0 when every check passed; prints each failure otherwise.
"""
import collections
import re
import sys
import time
import urllib.parse

from playwright.sync_api import sync_playwright

from preview_store import WIDTHS, PreviewStore, arguments, cents, check, failures

SOLD_OUT_SKU = "KP-TOTE-CH"


class Store(PreviewStore):
    """The sample store with one variant sold out (so "in stock" narrows something), served by `showroom serve`."""

    def __init__(self, repo, showroom, image_cache):
        super().__init__(repo, showroom, self.sell_out, image_cache)
        self.wait_until(lambda: self.fetch("/pagefind/pagefind-entry.json") is not None, "the preview never served a search index")

    @staticmethod
    def sell_out(store):
        for product in store.catalog["products"]:
            for variant in product.get("variants", []):
                if variant["sku"] == SOLD_OUT_SKU:
                    variant["availability"] = "out_of_stock"

    def published(self):
        return [p for p in self.catalog["products"] if not p.get("draft")]

    def full_write_up(self, handle):
        path = self.root / "Content/products" / f"{handle}.md"
        return path.read_text() if path.exists() else ""

    def write_up(self, handle):
        """What the index holds of a write-up: its front matter (highlights are indexed whole) and the
        opening of its body (the index keeps the first 100 words with the summary; 50 leaves room)."""
        text = self.full_write_up(handle)
        front, body = ("", text)
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            front, body = text[4:].split("\n---\n", 1)
        return front + "\n" + " ".join(body.split()[:50])


def items(product):
    """(options, availability) of each thing one can buy: the variants, or the product itself."""
    own = product.get("availability", "in_stock")
    variants = product.get("variants") or []
    if not variants:
        return [({}, own)]
    return [(v.get("options", {}), v.get("availability", own)) for v in variants]


def words(text):
    return [w.lower() for w in re.findall(r"[A-Za-z]{6,}", text)]


def unique_write_up_word(store):
    """A word of exactly one product's write-up, in no title, page or other write-up: (word, handle)."""
    counts = collections.Counter()
    owner = {}
    for product in store.published():
        for word in set(words(store.write_up(product["handle"]))):
            counts[word] += 1
            owner[word] = product["handle"]
    elsewhere = " ".join(p["title"] + " " + p.get("brand", "") + " " + p.get("summary", "") + " " + " ".join(p.get("highlights", []))
                         for p in store.catalog["products"]).lower()
    elsewhere += " ".join(path.read_text().lower() for path in (store.root / "Content/pages").glob("*.md"))
    # Its beginning too, so that no other text has a word of the same stem ("living", "lives").
    others = {handle: " ".join(words(store.full_write_up(handle))) for handle in (p["handle"] for p in store.published())}
    candidates = sorted((word for word, count in counts.items() if count == 1 and word[:5] not in elsewhere
                         and not any(word[:5] in text for handle, text in others.items() if handle != owner[word])),
                        key=lambda word: (-len(word), word))
    assert candidates, "no word belongs to one write-up alone"
    return candidates[0], owner[candidates[0]]


def result_handles(page):
    return [href.strip("/").split("/")[-1] for href in
            (a.get_attribute("href") for a in page.locator("[data-search-results] .card__link").all())]


def wait_for_results(page, seconds=20):
    """Until the search has answered: not busy, a status line. Polled from here: the page's
    Content-Security-Policy (no eval) refuses Playwright's wait_for_function."""
    deadline = time.time() + seconds
    root, status = page.locator("[data-search]"), page.locator("[data-search-status]")
    while time.time() < deadline:
        if root.get_attribute("aria-busy") is None and status.inner_text().strip():
            page.wait_for_timeout(150)
            return
        page.wait_for_timeout(100)
    check(False, f"the search did not answer within {seconds} s on {page.url}")


def search_flow(browser, store, width, shots):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The header's search box leads to the search page (on a phone, its magnifier).
    page.goto(store.base + "/")
    if width >= 860:
        page.fill("#site-search-q", "canvas")
        page.press("#site-search-q", "Enter")
    else:
        page.click(".site-search__button")
    page.wait_for_url(re.compile(r"/search/"))
    check(page.locator("[data-search-input]").count() == 1, f"{width}px: the header's search leads to the search page")

    # A word only one write-up has.
    word, owner = unique_write_up_word(store)
    page.fill("[data-search-input]", word)
    page.press("[data-search-input]", "Enter")
    wait_for_results(page)
    check(result_handles(page) == [owner], f"{width}px: searching {word!r} (only in {owner}'s write-up) gave {result_handles(page)}")
    check(f"q={word}" in page.url, f"{width}px: the query is in the URL: {page.url}")
    excerpt = page.locator("[data-search-results] .card__excerpt mark")
    check(excerpt.count() >= 1 and word in excerpt.first.inner_text().lower(), f"{width}px: the excerpt marks {word!r}")
    card = page.locator("[data-search-results] .card").first
    check(card.locator("img").count() == 1 and card.locator(".price__current").count() == 1, f"{width}px: the result shows a picture and a price")

    # A misspelt beginning of a title word, an accented title without its accent, a CJK title.
    for query, handle in (("skilet", "cast-iron-skillet-10"), ("lantren", None), ("cafe pour", "cafe-pour-over-kit"), ("檜", "hinoki-cutting-board")):
        page.fill("[data-search-input]", query)
        page.press("[data-search-input]", "Enter")
        wait_for_results(page)
        found = result_handles(page)
        if handle:
            check(found[:1] == [handle], f"{width}px: searching {query!r} should find {handle} first, found {found}")
        else:
            lanterns = {p["handle"] for p in store.published() if "lantern" in p["title"].lower()}
            check(lanterns <= set(found), f"{width}px: searching {query!r} should find every lantern {sorted(lanterns)}, found {found}")
    page.fill("[data-search-input]", "skilet")
    page.press("[data-search-input]", "Enter")
    wait_for_results(page)
    check("skillet" in page.locator("[data-search-status]").inner_text(), f"{width}px: the page says which word it searched instead")
    page.screenshot(path=str(shots / f"search-{width}.png"), full_page=False)

    # The back button returns to the previous search.
    page.go_back()
    wait_for_results(page)
    check(page.locator("[data-search-input]").input_value() == "檜" and result_handles(page) == ["hinoki-cutting-board"],
          f"{width}px: back returns to the previous search, found {page.locator('[data-search-input]').input_value()!r} {result_handles(page)}")
    check(not errors, f"{width}px: script errors on the search page: {errors}")
    page.close()


def filter_flow(browser, store, width, shots):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(store.base + "/collections/all/")
    static = page.locator("[data-static-listing] .card").count()

    colour = "Charcoal"
    with_colour = {p["handle"] for p in store.published() if any(o.get("color") == colour for o, _ in items(p))}
    in_stock = {p["handle"] for p in store.published() if any(o.get("color") == colour and a == "in_stock" for o, a in items(p))}
    check(len(with_colour) >= 2 and in_stock < with_colour and in_stock, f"the store copy should make 'in stock' narrow {colour}: {with_colour} {in_stock}")

    page.click(".facets__toggle")
    box = page.locator(f"input[name=color][value='{colour}']")
    count_before = box.locator("xpath=../span[@data-count]").inner_text()
    check(count_before == str(len(with_colour)), f"{width}px: the panel says {count_before} products are {colour}, the catalog {len(with_colour)}")
    box.check()
    wait_for_results(page)
    check(set(result_handles(page)) == with_colour and len(result_handles(page)) == len(with_colour),
          f"{width}px: {colour} gave {result_handles(page)}, the catalog says {sorted(with_colour)}")
    check(page.locator("[data-static-listing]").is_hidden(), f"{width}px: the filtered grid replaces the page's own")
    page.locator("input[name=availability][value='in-stock']").check()
    wait_for_results(page)
    check(set(result_handles(page)) == in_stock and len(result_handles(page)) == len(in_stock),
          f"{width}px: {colour} in stock gave {result_handles(page)}, the catalog says {sorted(in_stock)}")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    check(query.get("color") == [colour] and query.get("availability") == ["in-stock"], f"{width}px: the URL keeps the filters: {page.url}")
    page.screenshot(path=str(shots / f"collection-filtered-{width}.png"), full_page=False)

    # A reload restores the state.
    page.reload()
    wait_for_results(page)
    check(set(result_handles(page)) == in_stock and box.is_checked(), f"{width}px: after a reload {result_handles(page)}, {colour} checked: {box.is_checked()}")

    # Sorting by price, all products: ascending prices, every product.
    page.goto(store.base + "/collections/all/?sort=price-asc")
    wait_for_results(page)
    prices = [cents(text) for text in page.locator("[data-search-results] .card .price__current").all_inner_texts()]
    check(len(prices) == min(len(store.published()), 24) and prices == sorted(prices), f"{width}px: price, low to high gave {prices}")
    page.select_option("[data-sort]", "")
    page.wait_for_timeout(300)
    check(page.locator("[data-static-listing]").is_visible() and page.locator("[data-static-listing] .card").count() == static,
          f"{width}px: with nothing chosen, the page's own grid is back")
    check("sort=" not in page.url, f"{width}px: the URL drops the sort: {page.url}")
    page.go_back()
    wait_for_results(page)
    check(page.locator("[data-sort]").input_value() == "price-asc" and page.locator("[data-static-listing]").is_hidden(),
          f"{width}px: back returns to the sorted list")
    check(not errors, f"{width}px: script errors on the collection page: {errors}")
    page.close()


def main():
    args = arguments()
    store = Store(args.repo, args.showroom, args.image_cache)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            try:
                for width in WIDTHS:
                    search_flow(browser, store, width, args.screenshots)
                    filter_flow(browser, store, width, args.screenshots)
            finally:
                browser.close()
    finally:
        store.close()
    print(f"{len(failures)} failed checks; screenshots in {args.screenshots}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
