#!/usr/bin/env python3
"""Preview-server benchmark (issues 7, 27): on a generated store, the time from starting `showroom serve`
to the first served page, and from saving each kind of edit (a write-up's body, its front matter, a price
and a stock change in catalog.json, a collection file, a page file) to the reload event the browser gets,
each kind starting from an idle server, and to the arrival of a page that shows the edit, asked for right after
the event as the reloading browser does. The store is the one `scripts/benchmark/run` generates (apparel-like,
about 4 variants a product; --variants-per-product 0 for the default catalog).

    scripts/benchmark/serve.py --products 10000 [--edits 3] [--variants-per-product N]

With --load (issue 26), the server under load instead: client threads send a fixed number of requests
over loopback (pages, listings, a stylesheet) while write-ups and a price in catalog.json are edited, and
the run fails when a request fails, a request waits longer than --max-latency seconds, an edit gets no
reload event, or the server's memory grows from one round of edits to the next.

    scripts/benchmark/serve.py --products 10000 --load [--requests 40000] [--clients 8] [--rounds 3] [--max-latency 1]
                               [--whole-rebuild] [--verbose]
"""
import argparse, http.client, json, os, random, re, socket, statistics, subprocess, sys, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def get(port, path):
    """The status of GET `path`, or None."""
    response = get_page(port, path, timeout=5)
    return int(response.split(b" ", 2)[1]) if response else None


def get_page(port, path, timeout=30):
    """The whole response to GET `path`, or None."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
            return data
    except OSError:
        return None


def timed_edits(events, path, versions, original, port, page, before_each=lambda: None):
    """Writes each version of a file in turn and times it until the server's reload event, and until the page
    that shows the edit has arrived (asked for right after the event, as the reloading browser does); restores
    the file. Events left over from before an edit (a second build of the last one) are read away first.
    Returns (to the event, to the page) per edit."""
    timings = []
    try:
        for text in versions:
            before_each()
            events.setblocking(False)
            try:
                while events.recv(65536):
                    pass
            except BlockingIOError:
                pass
            events.setblocking(True)
            buffer = b""
            saved = time.monotonic()
            with open(path, "w") as f:
                f.write(text)
            while b"event: reload" not in buffer:
                buffer += events.recv(4096)
            reloaded = time.monotonic() - saved
            response = get_page(port, page)
            if response is None or not response.startswith(b"HTTP/1.1 200"):
                sys.exit(f"{page} did not answer 200 after the edit of {path}")
            timings.append((reloaded, time.monotonic() - saved))
    finally:
        with open(path, "w") as f:
            f.write(original)
    return timings


def edit_kinds(store, count):
    """Each edit the issue names, as (name, file, versions of its text, a page that shows it): a write-up's
    body, its front matter, a price and a stock change in catalog.json, a collection file and a page file."""
    content = os.path.join(store, "Content")
    write_up = os.path.join(content, "products", "product-000007.md")

    def body(original):
        return [original + f"\nEdited {edit}.\n" for edit in range(count)]

    def front_matter(original):
        return [original.replace("summary: ", f"summary: Edited {edit}. ", 1) for edit in range(count)]

    def catalog_value(key, values):
        def versions(original):
            marker = f'"{key}": "'
            at = original.index(marker, original.index('"handle": "product-000007"')) + len(marker)
            end = original.index('"', at)
            return [original[:at] + value + original[end:] for value in values(original[at:end])]
        return versions

    # Up from the price it had, so that a sale price stays below it (a price under the sale price is an error).
    prices = catalog_value("price", lambda was: [f"{float(was) + 1 + edit:.2f}" for edit in range(count)])
    stock = catalog_value("availability", lambda was: [("in_stock" if was != "in_stock" else "out_of_stock") if edit % 2 == 0 else was
                                                      for edit in range(count)])
    page = os.path.join(content, "pages", "about.md")
    collection = os.path.join(content, "collections", "collection-008.md")
    product = "/products/product-000007/"
    return [("save a write-up's body", write_up, body, product),
            ("save a write-up's front matter", write_up, front_matter, product),
            ("change a price in catalog.json", os.path.join(content, "catalog.json"), prices, product),
            ("change stock in catalog.json", os.path.join(content, "catalog.json"), stock, product),
            ("save a collection file", collection, body, "/collections/collection-008/"),
            ("save a page file", page, body, "/about/")]


def wait_until_idle(pid, quiet=0.05, longest=120):
    """Waits until the process and the programs it runs (Pagefind indexing the last edit) used under `quiet`
    of a core over a second (or `longest` seconds passed)."""
    ticks = os.sysconf("SC_CLK_TCK")

    def cpu():
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry) == pid or int(fields[1]) == pid:
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    started = time.monotonic()
    while time.monotonic() - started < longest:
        before = cpu()
        time.sleep(1)
        if cpu() - before < quiet:
            return


def rss_mb(pid):
    """The process's resident memory now, in MB (Linux)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class ReloadEvents:
    """Counts the reload events of one open event stream, read on a thread of its own."""

    def __init__(self, port):
        self.count = 0
        self.changed = threading.Condition()
        self.socket = socket.create_connection(("127.0.0.1", port))
        self.socket.sendall(b"GET /_showroom/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        buffer = b""
        while b": connected" not in buffer:
            buffer += self.socket.recv(4096)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        pending = b""
        while chunk := self.socket.recv(65536):
            pending += chunk
            # Events end with a blank line; the chunked encoding's size lines between them do not matter here.
            *messages, pending = pending.split(b"\n\n")
            reloads = sum(b"event: reload" in message for message in messages)
            if reloads:
                with self.changed:
                    self.count += reloads
                    self.changed.notify_all()

    def wait_after(self, seen, timeout):
        """Waits until more than `seen` reloads have arrived; returns whether they did within `timeout`."""
        with self.changed:
            return self.changed.wait_for(lambda: self.count > seen, timeout)


def load(args, store, port, server):
    """The server answering a fixed number of requests from client threads while edits arrive."""
    catalog_path = os.path.join(store, "Content", "catalog.json")
    catalog_text = open(catalog_path).read()
    products = json.loads(catalog_text)["products"]
    rng = random.Random(26)
    handles = [p["handle"] for p in products if not p.get("draft")]
    collections = sorted({c for p in products for c in p.get("collections", [])})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/")
    home = connection.getresponse().read().decode()
    connection.close()
    # The stylesheet's name carries a hash of its contents.
    stylesheets = sorted(set(re.findall(r'href="(/assets/[^"]+\.css)"', home)))
    paths = (["/", "/collections/all/"] + stylesheets + [f"/collections/{c}/" for c in collections]
             + [f"/products/{h}/" for h in rng.sample(handles, min(200, len(handles)))])
    for path in paths:  # every path exists: any later failure is the server's
        status = get(port, path)
        if status != 200:
            sys.exit(f"{path} answered {status} before the load started")

    lock = threading.Lock()
    issued = 0
    latencies, failures, slowest = [], [], []

    def client(seed):
        nonlocal issued
        chooser = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if issued >= args.requests:
                    break
                issued += 1
            path = chooser.choice(paths)
            start = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                elapsed = time.monotonic() - start
                with lock:
                    latencies.append(elapsed)
                    slowest.append((elapsed, start - started, path))
                    if response.status != 200:
                        failures.append(f"{path}: status {response.status}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    latencies.append(time.monotonic() - start)
                    failures.append(f"{path}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.close()

    # Rounds of edits, as someone writing would make them: write-up bodies saved a few times, a price changed.
    events = ReloadEvents(port)
    page = os.path.join(store, "Content", "products", "product-000007.md")
    original = open(page).read()
    def value_at(key):
        marker = f'"{key}": "'
        at = catalog_text.index(marker, catalog_text.index('"handle": "product-000007"')) + len(marker)
        return at, catalog_text.index('"', at)
    (at, end), (date_at, date_end) = value_at("price"), value_at("published")
    edit_times, missed, rss_after_round, timeline = [], [], [], []
    editing_done = threading.Event()

    def save(path, text, name):
        seen = events.count
        saved = time.monotonic()
        with open(path, "w") as f:
            f.write(text)
        if events.wait_after(seen, 120):
            edit_times.append((name, time.monotonic() - saved))
            timeline.append((saved - started, time.monotonic() - started, name))
        else:
            missed.append(name)

    def editor():
        try:
            for round in range(args.rounds):
                for edit in range(3):
                    save(page, original + f"\nEdited in round {round}, save {edit}.\n", "write-up")
                    time.sleep(0.3)
                # Up from the price it had, so that a sale price stays below it.
                price = catalog_text[:at] + f"{float(catalog_text[at:end]) + 1 + round:.2f}" + catalog_text[end:]
                save(catalog_path, price, "price")
                time.sleep(3)  # the feeds follow in the background
                rss_after_round.append(rss_mb(server.pid))
            if args.whole_rebuild:
                # A new publication date reorders the all-products listing: the whole site is built again while the requests go on.
                dated = catalog_text[:date_at] + "2020-01-01" + catalog_text[date_end:]
                save(catalog_path, dated, "whole rebuild")
        finally:
            with open(page, "w") as f:
                f.write(original)
            with open(catalog_path, "w") as f:
                f.write(catalog_text)
            editing_done.set()

    # The first build renders in the background once the first page is served: the edits start after it.
    wait_until_idle(server.pid)
    rss_before = rss_mb(server.pid)
    peak = [rss_before]
    def sample():
        while not editing_done.is_set() or issued < args.requests:
            peak[0] = max(peak[0], rss_mb(server.pid))
            time.sleep(0.2)
    threading.Thread(target=sample, daemon=True).start()
    edits = threading.Thread(target=editor)
    started = time.monotonic()
    edits.start()
    clients = [threading.Thread(target=client, args=(seed,)) for seed in range(args.clients)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    elapsed = time.monotonic() - started
    edits_overlapped = editing_done.is_set()
    edits.join()
    if args.verbose:
        print("edits (saved → reloaded, seconds into the run): " + ", ".join(f"{name} {a:.1f}→{b:.1f}" for a, b, name in timeline))
        print("slowest requests (seconds, at): " + ", ".join(f"{t:.2f} at {at:.1f} {path}" for t, at, path in sorted(slowest)[-8:]))

    latencies.sort()
    quantile = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    writeups = [t for name, t in edit_times if name == "write-up"]
    prices = [t for name, t in edit_times if name == "price"]
    print(f"{args.products:,} products, {len(latencies):,} requests from {args.clients} clients in {elapsed:.1f} s: "
          f"{len(latencies) / elapsed:,.0f} requests/s; latency median {quantile(0.5) * 1000:.1f} ms, "
          f"p99 {quantile(0.99) * 1000:.1f} ms, worst {latencies[-1] * 1000:.0f} ms; {len(failures)} failed")
    print(f"edits while loaded: {len(writeups)} write-up saves → reload median {statistics.median(writeups) * 1000:.0f} ms "
          f"(worst {max(writeups) * 1000:.0f} ms), {len(prices)} price edits → reload median {statistics.median(prices):.2f} s; "
          f"{len(missed)} without a reload")
    rebuilds = [t for name, t in edit_times if name == "whole rebuild"]
    if rebuilds:
        print(f"a new date in catalog.json → reload after a whole rebuild: {rebuilds[0]:.1f} s")
    print(f"server RSS: {rss_before:.0f} MB before the load, after each round of edits "
          + ", ".join(f"{r:.0f}" for r in rss_after_round) + f" MB, peak {peak[0]:.0f} MB")
    problems = []
    if failures:
        problems.append(f"{len(failures)} requests failed, e.g. " + "; ".join(failures[:3]))
    if latencies[-1] > args.max_latency:
        problems.append(f"a request waited {latencies[-1]:.2f} s (bound {args.max_latency} s)")
    if missed:
        problems.append(f"{len(missed)} edits got no reload event")
    if not edits_overlapped:
        problems.append("the requests ended before the edits: raise --requests")
    # Flat: the last round's memory within a tenth of the first's (each round edits the same files again).
    if len(rss_after_round) > 1 and rss_after_round[-1] > rss_after_round[0] * 1.10:
        problems.append(f"memory grew from {rss_after_round[0]:.0f} to {rss_after_round[-1]:.0f} MB over {args.rounds} rounds of edits")
    if problems:
        sys.exit("FAILED: " + "; ".join(problems))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--variants-per-product", type=int, default=4, metavar="N",
                        help="the store scripts/benchmark/run generates with the same option (0: the default catalog)")
    parser.add_argument("--load", action="store_true", help="the server under load while edits arrive (see above)")
    parser.add_argument("--requests", type=int, default=40000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of edits (three write-up saves and a price edit each)")
    parser.add_argument("--max-latency", type=float, default=1.0, help="seconds any one request may take")
    parser.add_argument("--whole-rebuild", action="store_true", help="with --load: a new publication date in catalog.json after the rounds, which rebuilds the whole site")
    parser.add_argument("--verbose", action="store_true", help="with --load: when the edits and the slowest requests happened")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--showroom", default=os.path.join(ROOT, ".build/release/showroom"))
    args = parser.parse_args()
    n = args.variants_per_product
    store = os.path.join(ROOT, ".build-benchmark", f"store-{args.products}" + (f"-v{n}" if n else ""))
    if not any(os.path.exists(os.path.join(store, stamp)) for stamp in (".generated", ".generated-none")):
        sys.exit(f"no generated store at {store}: run scripts/benchmark/run --sizes {args.products}"
                 + (f" --variants-per-product {n}" if n != 4 else "") + " first")
    if not os.path.exists(os.path.join(store, "Themes")):
        os.symlink(os.path.join(ROOT, "Themes"), os.path.join(store, "Themes"))

    collection_file = os.path.join(store, "Content", "collections", "collection-008.md")
    os.makedirs(os.path.dirname(collection_file), exist_ok=True)
    with open(collection_file, "w") as f:
        f.write("---\ntitle: Collection 008\n---\nA collection described in a file of its own, edited by the benchmark.\n")
    try:
        run(args, store)
    finally:
        os.remove(collection_file)


def run(args, store):
    if get(args.port, "/") is not None:
        sys.exit(f"something already answers on port {args.port}: pick another with --port")
    start = time.monotonic()
    # Pagefind (scripts/install-search) on the preview's PATH: it runs in the store's folder.
    environment = dict(os.environ, PATH=os.path.join(ROOT, ".build-tools", "bin") + os.pathsep + os.environ.get("PATH", ""))
    server = subprocess.Popen([args.showroom, "serve", "--port", str(args.port)], cwd=store, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=environment)
    try:
        while get(args.port, "/") != 200:
            if server.poll() is not None:
                sys.exit("showroom serve exited")
            time.sleep(0.05)
        cold = time.monotonic() - start
        if args.load:
            return load(args, store, args.port, server)

        print(f"{args.products:,} products: first page served {cold:.2f} s after start", flush=True)
        events = socket.create_connection(("127.0.0.1", args.port))
        events.sendall(b"GET /_showroom/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        buffer = b""
        while b": connected" not in buffer:
            buffer += events.recv(4096)
        for kind, path, versions, page in edit_kinds(store, args.edits):
            # Each edit from a quiet server: the feeds and search index an earlier edit started in the
            # background are done (a shopper-facing page never waits for them, but they share the cores).
            original = open(path).read()
            timings = timed_edits(events, path, versions(original), original, args.port, page,
                                  before_each=lambda: wait_until_idle(server.pid))
            for what, times in (("reload event", [t[0] for t in timings]), (f"{page} served", [t[1] for t in timings])):
                print(f"  {kind} → {what}: median {statistics.median(times) * 1000:,.0f} ms "
                      f"(min {min(times) * 1000:,.0f}, max {max(times) * 1000:,.0f}, {len(times)} edits)", flush=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
