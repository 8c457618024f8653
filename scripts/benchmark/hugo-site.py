#!/usr/bin/env python3
"""Turns a Showroom store (Content/) into the same store as a minimal Hugo site, for the benchmark:
product pages with price, sale price, variants table, images and Product JSON-LD; collections as a
taxonomy paginated by 24; an all-products list paginated by 24; Hugo's own sitemap and RSS.

    scripts/benchmark/hugo-site.py --store /tmp/store10k --out /tmp/hugo10k
"""
import argparse, json, os, shutil

CONFIG = """baseURL = "{url}/"
languageCode = "en"
title = "{name}"
disableKinds = ["taxonomy"]
[pagination]
  pagerSize = 24
[taxonomies]
  collection = "collections"
[outputs]
  home = ["html", "rss"]
  section = ["html", "rss"]
  term = ["html"]
[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ block "head" . }}{{ end }}
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Taxonomies.collections.Alphabetical | first 12 }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>&copy; {{ site.Title }}</footer>
</body>
</html>
"""

SINGLE = """{{ define "head" }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Product" "name" .Title "description" (.Summary | plainify) "sku" .Params.handle "gtin" .Params.gtin "brand" (dict "@type" "Brand" "name" .Params.brand) "image" (apply .Params.images "absURL" ".") "offers" (dict "@type" "Offer" "price" (.Params.sale_price | default .Params.price) "priceCurrency" site.Params.currency "availability" (printf "https://schema.org/%s" (.Params.availability | default "InStock")) "url" .Permalink) | jsonify | safeJS }}</script>{{ end }}
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="brand">{{ .Params.brand }}</p>
{{ range .Params.images }}<img src="{{ . | relURL }}" alt="{{ $.Title }}" width="800" height="800" loading="lazy">{{ end }}
<p class="price">{{ with .Params.sale_price }}<del>{{ $.Params.price }}</del> <strong>{{ . }}</strong>{{ else }}{{ .Params.price }}{{ end }} {{ site.Params.currency }}</p>
<p class="availability">{{ .Params.availability | default "in stock" }}</p>
{{ with .Params.variants }}<table><thead><tr><th>SKU</th><th>Options</th><th>GTIN</th></tr></thead><tbody>
{{ range . }}<tr><td>{{ .sku }}</td><td>{{ range $k, $v := .options }}{{ $k }}: {{ $v }} {{ end }}</td><td>{{ .gtin }}</td></tr>{{ end }}
</tbody></table>{{ end }}
{{ .Content }}
<p>{{ range .GetTerms "collections" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ with .Params.images }}<img src="{{ index . 0 | relURL }}" alt="" width="300" height="300" loading="lazy">{{ end }}{{ .Title }}</a> {{ with .Params.sale_price }}{{ . }}{{ else }}{{ .Params.price }}{{ end }}</li>{{ end }}</ul>
{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}">Previous</a>{{ end }} {{ if .HasNext }}<a href="{{ .Next.URL }}">Next</a>{{ end }}{{ end }}
{{ end }}
"""

HOME = """{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range first 24 (where site.RegularPages "Section" "products") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""


def front_matter(product, summary):
    fields = {key: product[key] for key in ("title", "handle", "brand", "price", "sale_price", "gtin", "images", "variants", "tags") if key in product}
    fields["date"] = product.get("published", "2026-01-01")
    fields["collections"] = product.get("collections", [])
    fields["availability"] = {"out_of_stock": "OutOfStock"}.get(product.get("availability"), "InStock")
    if summary:
        fields["summary"] = summary
    return json.dumps(fields, ensure_ascii=False, indent=1)  # Hugo reads JSON front matter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    content = os.path.join(args.store, "Content")
    site = json.load(open(os.path.join(content, "site.json")))
    catalog = json.load(open(os.path.join(content, "catalog.json")))
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    for folder in ("content/products", "layouts/_default", "static"):
        os.makedirs(os.path.join(args.out, folder))
    with open(os.path.join(args.out, "hugo.toml"), "w") as f:
        f.write(CONFIG.format(url=site["url"], name=site["name"]) + f'[params]\n  currency = "{site.get("currency", "USD")}"\n')
    for name, text in (("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST), ("term.html", LIST)):
        with open(os.path.join(args.out, "layouts/_default", name), "w") as f:
            f.write(text)
    with open(os.path.join(args.out, "layouts", "index.html"), "w") as f:
        f.write(HOME)
    with open(os.path.join(args.out, "content/products/_index.md"), "w") as f:
        f.write('{"title": "All products"}\n')
    shutil.copytree(os.path.join(content, "media"), os.path.join(args.out, "static/media"))
    for product in catalog["products"]:
        body, summary = "", None
        path = os.path.join(content, "products", product["handle"] + ".md")
        if os.path.exists(path):
            text = open(path).read()
            if text.startswith("---\n"):
                head, body = text[4:].split("\n---\n", 1)
                for line in head.splitlines():
                    if line.startswith("summary: "):
                        summary = line[len("summary: "):]
            else:
                body = text
        with open(os.path.join(args.out, "content/products", product["handle"] + ".md"), "w") as f:
            f.write(front_matter(product, summary) + "\n\n" + body)


if __name__ == "__main__":
    main()
