#!/usr/bin/env python3
"""Writes a realistic, deterministic store of N products in Showroom's content format (for benchmarks
and scale tests): catalog with variants, sales, GTINs, collections and videos; 300-1,500 words of GFM per
product. Same seed and N give the same bytes.

    scripts/generate-store.py --products 10000 --out /tmp/store10k   # writes /tmp/store10k/Content
    scripts/generate-store.py --products 10000 --checkout shopify --out /tmp/store10k-shop   # the same store, selling through Shopify
    scripts/generate-store.py --products 10000 --variants-per-product 4 --out /tmp/store10k-apparel   # apparel-like: ~4 variants each
"""
import argparse, json, os, random, shutil

WORDS = ("steel canvas waxed trail cabin lantern enamel wool merino brass cedar oak leather stitched riveted "
         "insulated lightweight durable handmade workshop river summit forest ember slate moss harbor field "
         "season warranty repair weatherproof pocket strap buckle seam lining grain finish").split()
COLORS = ["Slate", "Moss", "Ember", "Oat", "Navy", "Rust", "Charcoal", "Sand"]
SIZES = ["S", "M", "L", "XL"]
CATEGORIES = ["Home & Garden > Kitchen & Dining > Tableware > Drinkware", "Apparel & Accessories > Handbags, Wallets & Cases",
              "Sporting Goods > Outdoor Recreation > Camping & Hiking", "Home & Garden > Lighting"]


def gtin13(number):
    payload = f"{number:012d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return payload + str((10 - total % 10) % 10)


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def markdown(rng, title, handle, words):
    parts, count = [], 0
    while count < words:
        kind = rng.random()
        if kind < 0.15:
            parts.append(f"## {sentence(rng, 4)[:-1]}")
        elif kind < 0.3:
            parts.append("\n".join(f"- **{rng.choice(WORDS)}**: {sentence(rng, 6)}" for _ in range(4)))
            count += 28
        elif kind < 0.38:
            parts.append("| Spec | Value |\n| --- | --- |\n" + "\n".join(f"| {rng.choice(WORDS).title()} | {rng.randint(1, 900)} {rng.choice(['g', 'mm', 'ml'])} |" for _ in range(4)))
            count += 16
        else:
            text = " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 6)))
            text += f" See [the shipping page](/shipping/) or *{title}* on [its page](/products/{handle}/)."
            parts.append(text)
            count += len(text.split())
    return "\n\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--checkout", choices=["none", "shopify", "email"], default="none",
                        help="sell through this provider (shopify: every item gets a variant id); the catalog is otherwise the same")
    parser.add_argument("--variants-per-product", type=int, default=None, metavar="N",
                        help="apparel-like catalog: nearly every product sold in colour x size variants, about N per product on "
                             "average (2 to N+2 each); without it 40 %% of products have 2-6 variants (about 1.5 per product)")
    args = parser.parse_args()
    if args.variants_per_product is not None and not 2 <= args.variants_per_product <= 30:
        parser.error("--variants-per-product must be between 2 and 30 (8 colours x 4 sizes)")
    rng = random.Random(args.seed)
    variant_rng = random.Random(args.seed + 1)
    content = os.path.join(args.out, "Content")
    if os.path.exists(content):
        shutil.rmtree(content)
    for folder in ("products", "pages", "media", "collections"):
        os.makedirs(os.path.join(content, folder))

    here = os.path.dirname(os.path.abspath(__file__))
    sample_media = os.path.join(here, "..", "Content", "media")
    images = sorted(f for f in os.listdir(sample_media) if f.endswith(".jpg") and not f.startswith("collection"))[:24]
    for name in images:
        shutil.copy(os.path.join(sample_media, name), os.path.join(content, "media", name))
    shutil.copy(os.path.join(sample_media, "waxed-canvas-daypack.mp4"), os.path.join(content, "media", "clip.mp4"))

    collections = [f"collection-{i:03d}" for i in range(max(3, args.products // 400))]
    products, next_gtin = [], 850031470000
    for index in range(args.products):
        handle = f"product-{index:06d}"
        title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {index}"
        price = rng.randint(900, 30000)
        product = {"handle": handle, "title": title, "brand": "Benchmark Goods", "price": f"{price // 100}.{price % 100:02d}",
                   "published": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   "collections": rng.sample(collections, 2), "tags": rng.sample(WORDS, 3),
                   "google_product_category": rng.choice(CATEGORIES),
                   "images": rng.sample(["media/" + name for name in images], 2)}
        if rng.random() < 0.2:
            sale = price * rng.randint(60, 90) // 100
            product["sale_price"] = f"{sale // 100}.{sale % 100:02d}"
        if rng.random() < 0.05:
            product["availability"] = "out_of_stock"
        if rng.random() < 0.05:
            product["videos"] = [{"url": "media/clip.mp4", "thumbnail": product["images"][0], "duration_seconds": 10, "title": title}]
        if args.variants_per_product is not None:
            # Its own random stream: the default's variant draws are left out, so the default store stays byte for byte the same.
            if variant_rng.random() < 0.97:
                n = args.variants_per_product
                count = variant_rng.randint(max(2, n - 2), n + 2)
                pairs = [(color, size) for color in variant_rng.sample(COLORS, len(COLORS)) for size in SIZES][:count]
                product["variants"] = []
                for color, size in sorted(pairs, key=lambda pair: (COLORS.index(pair[0]), SIZES.index(pair[1]))):
                    next_gtin += 1
                    product["variants"].append({"sku": f"BG-{index:06d}-{color[:3].upper()}-{size}", "options": {"color": color, "size": size},
                                                "gtin": gtin13(next_gtin)})
            else:
                next_gtin += 1
                product["gtin"] = gtin13(next_gtin)
        elif rng.random() < 0.4:
            product["variants"] = []
            for color in rng.sample(COLORS, rng.randint(2, 3)):
                for size in rng.sample(SIZES, rng.randint(1, 2)):
                    next_gtin += 1
                    product["variants"].append({"sku": f"BG-{index:06d}-{color[:3].upper()}-{size}", "options": {"color": color, "size": size},
                                                "gtin": gtin13(next_gtin)})
        else:
            next_gtin += 1
            product["gtin"] = gtin13(next_gtin)
        products.append(product)
        if rng.random() < 0.9:
            body = markdown(rng, title, handle, rng.randint(300, 1500))
            with open(os.path.join(content, "products", handle + ".md"), "w") as f:
                f.write(f"---\nsummary: {sentence(rng, 10)}\nhighlights: [{sentence(rng, 3)[:-1]}, {sentence(rng, 3)[:-1]}]\n---\n{body}")

    site = {"name": "Benchmark Goods", "url": "https://bench.example.com", "language": "en", "currency": "USD",
            "description": "A generated store for benchmarks.", "theme": "default",
            "seller": {"legal_name": "Benchmark Goods LLC", "email": "hello@example.com", "phone": "+1 503 555 0100",
                       "address": {"street": "1 Main St", "city": "Portland", "region": "OR", "postal_code": "97201", "country": "US"}},
            "policies": {"returns": {"days": 30, "fees": "free", "method": "by_mail"},
                         "shipping": [{"country": "US", "service": "Standard", "price": "0.00", "min_days": 2, "max_days": 5}]}}
    if args.checkout == "shopify":
        site["checkout"] = {"provider": "shopify", "store": "bench.myshopify.com"}
        number = 44000000000000
        for product in products:
            for item in product.get("variants") or [product]:
                number += 1
                item["shopify_variant_id"] = str(number)
    elif args.checkout == "email":
        site["checkout"] = {"provider": "email"}
    with open(os.path.join(content, "site.json"), "w") as f:
        json.dump(site, f, indent=2)
    with open(os.path.join(content, "catalog.json"), "w") as f:
        json.dump({"products": products}, f, indent=1, ensure_ascii=False)
    for slug in ("about", "shipping", "returns", "privacy"):
        with open(os.path.join(content, "pages", slug + ".md"), "w") as f:
            f.write(f"---\ntitle: {slug.title()}\n---\n{sentence(rng, 40)}\n")


if __name__ == "__main__":
    main()
