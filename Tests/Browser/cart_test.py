"""A shopper's cart, in a real browser: headless Chromium (Debian's) driven by Playwright for Python.

Run by the Swift test `BrowserTests` (scripts/test installs Playwright into .build-tools/venv and Chromium
with apt). It copies the sample store, serves it with `showroom serve` (so the preview is exercised too),
clicks and types as a shopper would at a phone's and a laptop's width, and checks what the pages show:

  shopify: two variants from two product pages, a quantity changed on /cart/, the count, the subtotal
           (the sum of the prices the product pages showed) and the exact cart permalink; then the store
           is rebuilt with one product removed and one price changed, and the cart drops and re-prices
           them with a note.
  email:   the mailto: order request, line by line.

Usage: cart_test.py --showroom PATH --repo PATH [--screenshots DIR]
Exits 0 when every check passed; prints each failure otherwise.
"""
import json
import re
import sys
import time
import urllib.parse
import urllib.request

from playwright.sync_api import sync_playwright

from preview_store import WIDTHS, PreviewStore, arguments, cents, check, failures

SHOPIFY_STORE = "kestrel-pine.myshopify.com"
# Where the preview keeps resized pictures (--image-cache): the Swift tests' shared cache, filled beforehand.
IMAGE_CACHE = None


def dollars(amount):
    return "${:,}.{:02d}".format(amount // 100, amount % 100)


def shard_of(sku, count):
    """FNV-1a over the SKU's UTF-8 bytes, as the build files items in the price index."""
    value = 0x811C9DC5
    for byte in sku.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % count


def variant_slug(sku):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", sku.lower())).strip("-")


class Store(PreviewStore):
    """A copy of the sample store, served by `showroom serve`, with the cart's price index at hand."""

    def __init__(self, repo, showroom, adjust):
        super().__init__(repo, showroom, adjust, IMAGE_CACHE)

    def items(self):
        """Every item of the cart's price index (the manifest and all its shards)."""
        data = self.fetch("/cart/items.json")
        if not data:
            return {}
        manifest, items = json.loads(data), {}
        for shard in range(manifest["shards"]):
            items.update(json.loads(self.fetch(f"{manifest['shard_url']}{shard}.json") or b"{}"))
        return items


def in_stock_variants(store):
    """(handle, variant) for the first in-stock variant of each product with variants."""
    found = []
    for product in store.catalog["products"]:
        if product.get("draft"):
            continue
        for variant in product.get("variants", []):
            if variant.get("availability", product.get("availability", "in_stock")) == "in_stock":
                found.append((product["handle"], variant))
                break
    return found


def add_to_cart(page, store, path, quantity=1):
    """Opens an item's page, types a quantity, presses the buy button; returns the price the page shows,
    the SKU of its buy form and the product's title as the page shows it."""
    page.goto(store.base + path)
    shown = page.locator(".product__buybox .price__current").inner_text()
    title = page.locator("#product-title").inner_text().strip()
    box = page.locator("form[data-add-to-cart]")
    check(box.count() == 1, f"{path}: one buy form")
    page.fill("#buy-quantity", str(quantity))
    sku = box.get_attribute("data-buy-sku")
    page.click("form[data-add-to-cart] button[type=submit]")
    page.wait_for_selector("[data-buy-status] .buy__added", state="visible")
    return cents(shown), sku, title


def header_count(page):
    badge = page.locator("[data-cart-count]")
    return None if badge.is_hidden() else badge.inner_text().strip()


def open_cart(page, store):
    page.goto(store.base + "/cart/")
    page.wait_for_selector("[data-cart][data-cart-ready]", state="attached")


def subtotal(page):
    return cents(page.locator("[data-cart-subtotal]").inner_text())


def shopify_flow(browser, repo, showroom, width, shots):
    ids = {}

    def adjust(store):
        store.site["checkout"] = {"provider": "shopify", "store": SHOPIFY_STORE}
        # Enough items that the price index has several shards, so the cart's hash is put to the test.
        for index in range(150):
            store.catalog["products"].append({"handle": f"filler-{index:03d}", "title": f"Filler {index}", "brand": "Kestrel & Pine",
                                              "price": "5.00", "images": ["media/logo.svg"], "collections": ["home"]})
        number = 44012345678000
        for product in store.catalog["products"]:
            for item in product.get("variants") or [product]:
                number += 1
                item["shopify_variant_id"] = str(number)
                ids[item.get("sku", product["handle"])] = str(number)

    store = Store(repo, showroom, adjust)
    try:
        picks = in_stock_variants(store)
        (handle_a, variant_a), (handle_b, variant_b) = picks[0], picks[1]
        page = browser.new_page(viewport={"width": width, "height": 900})
        path_a = f"/products/{handle_a}/variants/{variant_slug(variant_a['sku'])}/"
        path_b = f"/products/{handle_b}/variants/{variant_slug(variant_b['sku'])}/"

        page.goto(store.base + path_a)
        buy_now = page.locator("[data-buy-now]").get_attribute("href")
        check(buy_now == f"https://{SHOPIFY_STORE}/cart/{ids[variant_a['sku']]}:1", f"{width}px: buy-now permalink {buy_now}")
        price_a, sku_a, _ = add_to_cart(page, store, path_a)
        check(sku_a == variant_a["sku"], f"{width}px: the form on {path_a} sells {sku_a}")
        check(header_count(page) == "1", f"{width}px: header count after one item is {header_count(page)}")
        page.locator(".product__info").screenshot(path=str(shots / f"shopify-buy-box-{width}.png"))
        page.screenshot(path=str(shots / f"shopify-product-{width}.png"))
        price_b, _, title_b = add_to_cart(page, store, path_b)
        check(header_count(page) == "2", f"{width}px: header count after two items is {header_count(page)}")

        shards = json.loads(store.fetch("/cart/items.json"))["shards"]
        check(shards >= 2, f"the sample store's price index has {shards} shard(s); the test needs several")
        fetched = []
        page.on("request", lambda request: fetched.append(request.url) if "/cart/items/" in request.url else None)
        open_cart(page, store)
        expected_shards = {f"{store.base}/cart/items/{shard_of(sku, shards)}.json" for sku in (variant_a["sku"], variant_b["sku"])}
        check(set(fetched) == expected_shards, f"{width}px: the cart fetched {fetched}, the SKUs' shards are {expected_shards}")
        lines = page.locator("[data-cart-lines] > li")
        check(lines.count() == 2, f"{width}px: two lines in the cart, found {lines.count()}")
        check(subtotal(page) == price_a + price_b, f"{width}px: subtotal {subtotal(page)} != {price_a} + {price_b}")
        # More of the first item, by keyboard: focus the stepper and press Enter.
        increase = lines.nth(0).locator("[data-action=increase]")
        increase.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('[data-cart-lines] > li input').value === '2'")
        check(header_count(page) == "3", f"{width}px: header count after + is {header_count(page)}")
        check(subtotal(page) == 2 * price_a + price_b, f"{width}px: subtotal {subtotal(page)} != 2×{price_a} + {price_b}")
        expected = f"https://{SHOPIFY_STORE}/cart/{ids[variant_a['sku']]}:2,{ids[variant_b['sku']]}:1"
        href = page.locator("[data-cart-checkout]").get_attribute("href")
        check(href == expected, f"{width}px: checkout URL {href} != {expected}")
        page.screenshot(path=str(shots / f"shopify-cart-{width}.png"), full_page=True)

        # Rebuild: product B is no longer sold, variant A costs more. Leave the cart first: an open page
        # reloads itself after a rebuild, and would take the cart's one-time notes before the check below.
        page.goto("about:blank")
        new_price = price_a + 300
        for variant in store.product(handle_a)["variants"]:
            if variant["sku"] == variant_a["sku"]:
                variant["price"] = "{}.{:02d}".format(new_price // 100, new_price % 100)
                variant.pop("sale_price", None)
        write_up = store.root / f"Content/products/{handle_b}.md"
        if write_up.exists():
            write_up.unlink()  # first, so no state between the edits has a write-up without its product
            store.wait_until(lambda: store.fetch(f"/products/{handle_b}/") is not None, "rebuild after removing the write-up")
            time.sleep(1)
        store.catalog["products"] = [p for p in store.catalog["products"] if p["handle"] != handle_b]
        store.save()
        store.wait_until(lambda: variant_b["sku"] not in store.items()
                         and store.items().get(variant_a["sku"], {}).get("price") == new_price,
                         "the preview did not pick up the catalog edit")

        open_cart(page, store)
        notes = page.locator("[data-cart-notes]").inner_text()
        check(title_b in notes and "no longer sold" in notes, f"{width}px: removal note missing: {notes!r}")
        check(f"changed from {dollars(price_a)} to {dollars(new_price)}" in notes, f"{width}px: price note missing: {notes!r}")
        check(lines.count() == 1, f"{width}px: one line left, found {lines.count()}")
        check(header_count(page) == "2", f"{width}px: header count after the rebuild is {header_count(page)}")
        check(subtotal(page) == 2 * new_price, f"{width}px: subtotal after the rebuild {subtotal(page)} != 2×{new_price}")
        href = page.locator("[data-cart-checkout]").get_attribute("href")
        check(href == f"https://{SHOPIFY_STORE}/cart/{ids[variant_a['sku']]}:2", f"{width}px: checkout URL after the rebuild {href}")
        page.screenshot(path=str(shots / f"shopify-cart-rebuilt-{width}.png"), full_page=True)

        # Remove the last line: the cart is empty and says so.
        lines.nth(0).locator("[data-action=remove]").click()
        check(page.locator("[data-cart-empty]").is_visible(), f"{width}px: the empty cart says so")
        check(header_count(page) is None, f"{width}px: no count on an empty cart")
        page.close()
    finally:
        store.close()


def email_flow(browser, repo, showroom, width, shots):
    store = Store(repo, showroom, lambda store: None)
    try:
        check(store.site["checkout"]["provider"] == "email", "the sample store ships in email mode")
        single = next(p for p in store.catalog["products"]
                      if not p.get("variants") and p.get("availability", "in_stock") == "in_stock" and not p.get("draft"))
        handle_v, variant = in_stock_variants(store)[0]
        page = browser.new_page(viewport={"width": width, "height": 900})
        price_single, _, title_single = add_to_cart(page, store, f"/products/{single['handle']}/", quantity=2)
        price_variant, _, title_variant = add_to_cart(page, store, f"/products/{handle_v}/variants/{variant_slug(variant['sku'])}/")
        open_cart(page, store)
        href = page.locator("[data-cart-checkout]").get_attribute("href")
        parsed = urllib.parse.urlsplit(href)
        query = urllib.parse.parse_qs(parsed.query)
        check(parsed.scheme == "mailto" and parsed.path == store.site["checkout"]["to"], f"{width}px: mail goes to {parsed.path}")
        check(query.get("subject") == [f"Order request: {store.site['name']}"], f"{width}px: subject {query.get('subject')}")
        body = query.get("body", [""])[0].split("\r\n")
        options = ", ".join(f"{k}: {v}" for k, v in variant["options"].items())
        expected_lines = [
            f"2 × {title_single} (SKU {single['handle']}) at {dollars(price_single)} each = {dollars(2 * price_single)}",
            f"1 × {title_variant} – {options} (SKU {variant['sku']}) at {dollars(price_variant)} each = {dollars(price_variant)}",
            f"Subtotal: {dollars(2 * price_single + price_variant)} (before shipping)",
        ]
        for line in expected_lines:
            check(line in body, f"{width}px: the order email lacks {line!r}; it says {body!r}")
        check(subtotal(page) == 2 * price_single + price_variant, f"{width}px: email cart subtotal {subtotal(page)}")
        page.screenshot(path=str(shots / f"email-cart-{width}.png"), full_page=True)
        page.goto(store.base + f"/products/{single['handle']}/")
        page.locator(".product__info").screenshot(path=str(shots / f"email-buy-box-{width}.png"))
        page.close()
    finally:
        store.close()


def main():
    args = arguments()
    global IMAGE_CACHE
    IMAGE_CACHE = args.image_cache
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        try:
            for width in WIDTHS:
                shopify_flow(browser, args.repo, args.showroom, width, args.screenshots)
                email_flow(browser, args.repo, args.showroom, width, args.screenshots)
        finally:
            browser.close()
    print(f"{len(failures)} failed checks; screenshots in {args.screenshots}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
