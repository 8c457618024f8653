#!/usr/bin/env python3
"""Preview-server benchmark (issue 7): on a generated store, the time from starting `showroom serve` to
the first served page, and from saving one product's Markdown to the reload event the browser gets.

    scripts/benchmark/serve.py --products 10000 [--edits 5]
"""
import argparse, os, socket, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def get(port, path):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
            return int(data.split(b" ", 2)[1])
    except OSError:
        return None


def timed_edits(events, path, versions, original):
    """Writes each version of a file in turn and times it until the server's reload event; restores the file."""
    timings = []
    try:
        for text in versions:
            buffer = b""
            saved = time.monotonic()
            with open(path, "w") as f:
                f.write(text)
            while b"event: reload" not in buffer:
                buffer += events.recv(4096)
            timings.append(time.monotonic() - saved)
    finally:
        with open(path, "w") as f:
            f.write(original)
    return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--showroom", default=os.path.join(ROOT, ".build/release/showroom"))
    args = parser.parse_args()
    store = os.path.join(ROOT, ".build-benchmark", f"store-{args.products}")
    if not os.path.exists(os.path.join(store, ".generated")):
        sys.exit(f"no generated store at {store}: run scripts/benchmark/run --sizes {args.products} first")
    if not os.path.exists(os.path.join(store, "Themes")):
        os.symlink(os.path.join(ROOT, "Themes"), os.path.join(store, "Themes"))

    start = time.monotonic()
    server = subprocess.Popen([args.showroom, "serve", "--port", str(args.port)], cwd=store, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while get(args.port, "/") != 200:
            if server.poll() is not None:
                sys.exit("showroom serve exited")
            time.sleep(0.05)
        cold = time.monotonic() - start

        events = socket.create_connection(("127.0.0.1", args.port))
        events.sendall(b"GET /_showroom/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        buffer = b""
        while b": connected" not in buffer:
            buffer += events.recv(4096)
        # A body-only edit of one write-up: the fast path.
        page = os.path.join(store, "Content", "products", "product-000007.md")
        original = open(page).read()
        timings = timed_edits(events, page, [original + f"\nEdited {edit}.\n" for edit in range(args.edits)], original)
        # A price change in catalog.json: the model is reloaded, then only the pages showing the product.
        catalog_path = os.path.join(store, "Content", "catalog.json")
        catalog = open(catalog_path).read()
        marker = '"price": "'
        at = catalog.index(marker, catalog.index('"handle": "product-000007"')) + len(marker)
        edited = [catalog[:at] + f"{100 + edit}.00" + catalog[catalog.index('"', at):] for edit in range(3)]
        price_timings = timed_edits(events, catalog_path, edited, catalog)
        print(f"{args.products:,} products: first page served {cold:.2f} s after start; "
              f"save a write-up → reload event: median {statistics.median(timings) * 1000:.0f} ms "
              f"(min {min(timings) * 1000:.0f}, max {max(timings) * 1000:.0f}, {len(timings)} edits); "
              f"change a price in catalog.json → reload event: median {statistics.median(price_timings):.2f} s ({len(price_timings)} edits)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
