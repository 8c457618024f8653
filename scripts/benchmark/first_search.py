"""What a shopper's first search downloads: opens a built site's search page in headless Chromium (served
from a local HTTP server, no cache), searches a word most products have, waits for the results, and adds
up what searching needs beyond any page (its HTML, stylesheet and pictures): the search script, Pagefind's script and WebAssembly, its
metadata, the index chunks and the result fragments. Reports the bytes as served here and as a static
host sends them (scripts and JSON gzip'd; Pagefind's index files are already compressed).

Usage: first_search.py PUBLIC_FOLDER [--query WORD]
"""
import argparse
import functools
import gzip
import http.server
import threading
import time
import urllib.parse

from playwright.sync_api import sync_playwright


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("public")
    parser.add_argument("--query", action="append",
                        help="words to search, each in a fresh browser (default: a word nearly every generated product has, and one product's number)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.public)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for query in args.query or ["leather", "4711"]:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(base + "/search/")
            page.wait_for_timeout(300)
            start = time.time()
            page.fill("[data-search-input]", query)
            page.press("[data-search-input]", "Enter")
            status = page.locator("[data-search-status]")
            while time.time() - start < 60 and (page.locator("[data-search]").get_attribute("aria-busy") is not None or not status.inner_text().strip()):
                page.wait_for_timeout(50)
            seconds = time.time() - start
            page.wait_for_timeout(500)
            served = hosted = files = 0
            for response in responses:
                path = response.url[len(base):].split("?")[0]
                # The page, its stylesheet and pictures are any page's; counted is what searching adds.
                if not (path.endswith(".js") or path.endswith(".json") or path.startswith("/pagefind/")):
                    continue
                # From the disk: responses inside Pagefind's web worker do not give their bodies to Playwright.
                with open(args.public + urllib.parse.unquote(path), "rb") as file:
                    body = file.read()
                files += 1
                served += len(body)
                text = path.endswith(".js") or path.endswith(".json")
                hosted += len(gzip.compress(body, 6)) if text else len(body)
            cards = page.locator("[data-search-results] .card").count()
            print(f"first search for {query!r} ({status.inner_text().strip()}, {cards} cards shown, {seconds:.2f} s): {files} files, "
                  f"{served / 1000:.0f} kB as served here, {hosted / 1000:.0f} kB from a host that gzips scripts and JSON", flush=True)
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
