#!/usr/bin/env python3
"""Turns a Showroom store (Content/) into the same store as a Hugo site, for the benchmark.

By default a minimal site: product pages with price, sale price, variants table, images and Product JSON-LD;
collections as a taxonomy paginated by 24; an all-products list paginated by 24; Hugo's own sitemap and RSS.

With --equal-work, a site that makes Hugo do the work Showroom does for the same store (the default theme's
pages and files, of comparable size and content):
- a page per variant as Hugo content (content/variants/, published at /products/<handle>/variants/<sku>/): its
  own price, availability, chosen options, identifiers, the opening of the write-up, and the ProductGroup JSON-LD
  with its own offer in full and the other variants by URL;
- product pages with gallery, options, identifiers, the whole write-up, related products (Hugo's .Related) and
  the full ProductGroup JSON-LD (every variant's offer, shipping and return policy);
- each product's video listing as output formats of its page: listing.json (the manifest), listing.vtt (its
  captions) and video/index.html (the player page);
- the home page's output formats: the Google Merchant feed (RSS 2.0 with the g: namespace, an item per variant),
  the Meta catalog (CSV, a row per variant), new arrivals as Atom and JSON Feed 1.1;
- collections and all products paginated by 24 with the filters' counts; the home page; content pages, contact
  and 404; a sitemap with every page, pager, video page, product picture and video; robots.txt;
- every picture resized by Hugo to the theme's widths in WebP and JPEG plus a 1,200 x 630 crop (Hugo has no AVIF
  encoder), cached in resources/_gen like Showroom's .showroom/images; the theme's CSS and JS fingerprinted.
It leaves out what Hugo cannot do by itself: the gzipped copies of the two product feeds and the search index.

    scripts/benchmark/hugo-site.py --store /tmp/store10k --out /tmp/hugo10k
    scripts/benchmark/hugo-site.py --store /tmp/store10k --out /tmp/hugo10k-equal --equal-work
"""
import argparse, json, os, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

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


# ---- The equal-work site: the templates (Hugo's Go templates) ----

EQ_BASEOF = r"""<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem 'self'; img-src 'self' data: https:; media-src 'self' https:; font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{- $title := printf "%s · %s" .Title site.Title }}{{ if .IsHome }}{{ $title = site.Title }}{{ end }}
{{- $description := .Params.description | default .Params.summary | default site.Params.description }}
<title>{{ $title }}</title>
<meta name="description" content="{{ $description }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ $title }}">
<meta property="og:description" content="{{ $description }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta name="theme-color" content="#f7f3ec">
{{ hugo.Generator }}
{{ partialCached "feed-links.html" . }}
{{ with resources.Get "assets/style.css" | fingerprint }}<link rel="stylesheet" href="{{ .RelPermalink }}">{{ end }}
{{ with resources.Get "assets/app.js" | fingerprint }}<script src="{{ .RelPermalink }}" defer></script>{{ end }}
{{ block "head" . }}{{ end }}
</head>
<body class="{{ block "bodyclass" . }}page-{{ .Kind }}{{ end }}">
<a class="skip-link" href="#main">Skip to content</a>
{{ partialCached "header.html" . }}
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
{{ partialCached "footer.html" . }}
</body>
</html>
"""

EQ_FEED_LINKS = r"""{{ with site.Home.OutputFormats.Get "atom" }}<link rel="alternate" type="application/atom+xml" title="New arrivals at {{ site.Title }}" href="{{ .RelPermalink }}">{{ end }}
{{ with site.Home.OutputFormats.Get "jsonfeed" }}<link rel="alternate" type="application/feed+json" title="New arrivals at {{ site.Title }}" href="{{ .RelPermalink }}">{{ end }}"""

EQ_HEADER = r"""<header class="site-header">
  <div class="wrap site-header__inner">
    <a class="site-brand" href="{{ site.Home.RelPermalink }}">
      <span class="site-brand__name">{{ site.Title }}</span>
    </a>
    <nav class="site-nav" aria-label="Main">
      <ul class="site-nav__list">
        <li><a class="site-nav__link" href="{{ (site.GetPage "/products").RelPermalink }}">Shop all</a></li>
        {{- range first 6 site.Taxonomies.collections.ByCount }}
        <li><a class="site-nav__link" href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>
        {{- end }}
        <li><a class="site-nav__link" href="{{ "contact/" | relURL }}">Contact</a></li>
      </ul>
    </nav>
    <div class="site-header__tools">
    <form class="site-search" role="search" action="/search/" method="get">
      <label class="visually-hidden" for="site-search-q">Search the store</label>
      <input class="site-search__input" id="site-search-q" type="search" name="q" placeholder="Search" autocomplete="off">
      <button class="site-search__button" type="submit"><span class="visually-hidden">Search</span></button>
    </form>
    </div>
  </div>
</header>"""

EQ_FOOTER = r"""{{ $seller := site.Params.seller }}{{ $returns := site.Params.policies.returns }}
<footer class="site-footer">
  <div class="wrap site-footer__grid">
    <section class="site-footer__about" aria-labelledby="footer-store">
      <h2 class="site-footer__heading" id="footer-store">{{ site.Title }}</h2>
      <p class="site-footer__tagline">{{ site.Params.description }}</p>
      {{ partial "seller-address.html" . }}
    </section>
    <section class="site-footer__policies" aria-labelledby="footer-buying">
      <h2 class="site-footer__heading" id="footer-buying">Buying direct</h2>
      <ul class="site-footer__facts">
        <li>Sold directly by {{ $seller.legal_name }}</li>
        {{ partialCached "policy-facts.html" . }}
        <li><a href="{{ "contact/" | relURL }}">Questions? Talk to us</a></li>
      </ul>
    </section>
    <nav class="site-footer__nav" aria-label="Store information">
      <h2 class="site-footer__heading">Information</h2>
      <ul class="site-footer__links">
        <li><a href="{{ (site.GetPage "/products").RelPermalink }}">All products</a></li>
        {{- range where site.RegularPages "Section" "" }}
        <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
        {{- end }}
      </ul>
    </nav>
  </div>
  <div class="wrap site-footer__bottom">
    <p>&copy; {{ $seller.legal_name }}</p>
    <p>Made with Hugo</p>
  </div>
</footer>"""

EQ_SELLER_ADDRESS = r"""{{ $seller := site.Params.seller }}{{ with $seller.address }}
      <address class="seller">
        <span class="seller__name">{{ $seller.legal_name }}</span>
        <span class="seller__line">{{ .street }}</span>
        <span class="seller__line">{{ .city }}, {{ .region }} {{ .postal_code }}</span>
        <span class="seller__line">{{ if eq .country "US" }}United States{{ else }}{{ .country }}{{ end }}</span>
        <a class="seller__contact" href="mailto:{{ $seller.email }}">{{ $seller.email }}</a>
        <a class="seller__contact" href="tel:{{ replace $seller.phone " " "" }}">{{ $seller.phone }}</a>
      </address>{{ end }}"""

EQ_POLICY_FACTS = r"""{{ range site.Params.policies.shipping }}<li>{{ if eq (float .price) 0.0 }}Free shipping{{ else }}Shipping {{ lang.FormatCurrency 2 site.Params.currency (float .price) }}{{ end }} in {{ if eq .country "US" }}the United States{{ else }}{{ .country }}{{ end }}</li>{{ end }}
{{ with site.Params.policies.returns }}<li>{{ if eq .fees "free" }}Free returns{{ else }}Returns{{ end }} within {{ .days }} days{{ if eq .method "by_mail" }} · Return by mail{{ end }}</li>{{ end }}"""

# One picture's renditions, made once per picture (Hugo caches the result by the picture's path): WebP and JPEG at
# the theme's widths (never wider than the original), the largest JPEG for feeds and structured data, the 1,080 px
# one for the video listing, and the 1,200 x 630 crop for link previews. Hugo cannot write AVIF.
EQ_RENDITIONS = r"""{{- $img := resources.Get . -}}
{{- $widths := slice -}}
{{- range site.Params.widths }}{{ if le (int .) $img.Width }}{{ $widths = $widths | append (int .) }}{{ end }}{{ end -}}
{{- if and (lt $img.Width 2160) (not (in $widths $img.Width)) }}{{ $widths = $widths | append $img.Width }}{{ end -}}
{{- $webp := slice }}{{ $jpeg := slice }}{{ $mid := "" }}{{ $large := "" }}{{ $poster := "" -}}
{{- range $widths -}}
  {{- $w := $img.Resize (printf "%dx webp q75" .) -}}
  {{- $j := $img.Resize (printf "%dx jpg q80" .) -}}
  {{- $webp = $webp | append (printf "%s %dw" $w.RelPermalink .) -}}
  {{- $jpeg = $jpeg | append (printf "%s %dw" $j.RelPermalink .) -}}
  {{- if or (not $mid) (le .  720) }}{{ $mid = $j }}{{ end -}}
  {{- if or (not $poster) (le . 1080) }}{{ $poster = $j }}{{ end -}}
  {{- $large = $j -}}
{{- end -}}
{{- $og := $img.Fill "1200x630 jpg q80 Center" -}}
{{- return dict "webp" (delimit $webp ", ") "jpeg" (delimit $jpeg ", ") "src" $mid.RelPermalink "width" $mid.Width "height" $mid.Height
     "large" $large.Permalink "poster" $poster.Permalink "og" $og.Permalink -}}"""

EQ_PICTURE = r"""{{- $r := partialCached "renditions.html" .path .path -}}
<picture><source type="image/webp" srcset="{{ $r.webp }}" sizes="{{ .sizes }}"><img{{ with .class }} class="{{ . }}"{{ end }} src="{{ $r.src }}" srcset="{{ $r.jpeg }}" sizes="{{ .sizes }}" alt="{{ .alt }}" width="{{ $r.width }}" height="{{ $r.height }}" loading="{{ if .eager }}eager{{ else }}lazy{{ end }}" decoding="async"></picture>"""

EQ_PRICE = r"""{{- $currency := site.Params.currency -}}
{{- if .sale -}}
<p class="price price--sale"><span class="visually-hidden">Sale price </span><span class="price__current">{{ lang.FormatCurrency 2 $currency (float .sale) }}</span> <span class="visually-hidden">Regular price </span><s class="price__regular">{{ lang.FormatCurrency 2 $currency (float .price) }}</s></p>
{{- else -}}
<p class="price"><span class="price__current">{{ lang.FormatCurrency 2 $currency (float .price) }}</span></p>
{{- end -}}"""

# A product's card, rendered once per product and reused by every listing, the home page and related products.
EQ_CARD = r"""<li class="card{{ if ne .Params.availability "in_stock" }} card--sold-out{{ end }}">
        <a class="card__link" href="{{ .RelPermalink }}">
          <div class="card__media">
            {{ with .Params.images }}{{ partial "picture.html" (dict "path" (index . 0) "sizes" "(min-width: 1120px) 290px, (min-width: 860px) 30vw, (min-width: 540px) 46vw, 92vw" "alt" $.Title "class" "card__image") }}{{ end }}
            {{- if ne .Params.availability "in_stock" }}
            <span class="badge" data-availability="{{ .Params.availability }}">Sold out</span>
            {{- else if .Params.sale_price }}
            <span class="badge" data-availability="in_stock" data-sale="">Sale</span>
            {{- end }}
          </div>
          <div class="card__body">
            <p class="card__brand">{{ .Params.brand }}</p>
            <h3 class="card__title">{{ .Title }}</h3>
            {{ partial "price.html" (dict "price" .Params.price "sale" .Params.sale_price) }}
            {{- if ne .Params.availability "in_stock" }}
            <p class="card__availability">Sold out</p>
            {{- end }}
          </div>
        </a>
      </li>"""

EQ_BREADCRUMBS = r"""<nav class="breadcrumbs" aria-label="Breadcrumb">
    <ol class="breadcrumbs__list">
      <li class="breadcrumbs__item"><a href="{{ site.Home.RelPermalink }}">Home</a></li>
    {{- range . }}{{ $crumb := . }}
    <li class="breadcrumbs__item">{{ with $crumb.url }}<a href="{{ . }}">{{ $crumb.title }}</a>{{ else }}<span aria-current="page">{{ $crumb.title }}</span>{{ end }}</li>
    {{- end }}
    </ol>
  </nav>"""

# What a product's page, its variant pages, the feeds and the sitemap all use, made once per product: the write-up
# as plain text and its lengths for each use, the pictures' largest renditions, the first collection.
EQ_PRODUCT_FACTS = r"""{{- $text := .Plain | replaceRE `\s+` " " | strings.TrimSpace -}}
{{- $images := slice }}{{ range .Params.images }}{{ $images = $images | append (partialCached "renditions.html" . .).large }}{{ end -}}
{{- $videos := slice }}{{ range .Params.videos }}{{ $videos = $videos | append (dict "@type" "VideoObject" "name" (.title | default $.Title) "description" ($.Params.summary | default $.Title) "thumbnailUrl" (partialCached "renditions.html" .thumbnail .thumbnail).large "uploadDate" ($.Date.Format "2006-01-02T15:04:05Z") "contentUrl" (.url | absURL) "duration" (printf "PT%dS" (int .duration_seconds))) }}{{ end -}}
{{- return dict "text" $text "description" ($text | truncate 5000 "…" | default .Title) "opening" ($text | truncate 280 "…")
     "images" $images "collection" (index (.GetTerms "collections") 0) "videos" $videos -}}"""

# The site-wide parts of every offer: shipping and the return policy (made once).
EQ_OFFER_POLICIES = r"""{{- $shipping := slice -}}
{{- range site.Params.policies.shipping -}}
{{- $shipping = $shipping | append (dict "@type" "OfferShippingDetails" "shippingLabel" .service
      "shippingRate" (dict "@type" "MonetaryAmount" "value" (float .price) "currency" site.Params.currency)
      "shippingDestination" (dict "@type" "DefinedRegion" "addressCountry" .country)
      "deliveryTime" (dict "@type" "ShippingDeliveryTime" "transitTime" (dict "@type" "QuantitativeValue" "minValue" .min_days "maxValue" .max_days "unitCode" "DAY"))) -}}
{{- end -}}
{{- $r := site.Params.policies.returns -}}
{{- $returns := dict "@type" "MerchantReturnPolicy" "applicableCountry" (index site.Params.policies.shipping 0).country
      "returnPolicyCategory" "https://schema.org/MerchantReturnFiniteReturnWindow" "merchantReturnDays" $r.days
      "returnMethod" (cond (eq $r.method "by_mail") "https://schema.org/ReturnByMail" "https://schema.org/ReturnInStore")
      "returnFees" (cond (eq $r.fees "free") "https://schema.org/FreeReturn" "https://schema.org/ReturnFeesCustomerResponsibility") -}}
{{- return dict "shipping" $shipping "returns" $returns -}}"""

# One item's schema.org Product with its Offer (a variant of a product, or a product without variants).
EQ_ITEM_LD = r"""{{- $p := .product -}}{{ $v := .variant -}}
{{- $policies := partialCached "offer-policies.html" "policies" -}}
{{- $images := (partialCached "product-facts.html" $p $p.Path).images -}}
{{- $url := $p.Permalink }}{{ with $v }}{{ $url = printf "%svariants/%s/" $p.Permalink .slug }}{{ end -}}
{{- $price := .price }}{{ $sale := .sale -}}
{{- $offer := dict "@type" "Offer" "url" $url "price" (float ($sale | default $price)) "priceCurrency" site.Params.currency
      "availability" (cond (eq .availability "in_stock") "https://schema.org/InStock" "https://schema.org/OutOfStock")
      "itemCondition" "https://schema.org/NewCondition" "seller" (dict "@id" (printf "%s#organization" site.Home.Permalink))
      "shippingDetails" $policies.shipping "hasMerchantReturnPolicy" $policies.returns -}}
{{- with $sale }}{{ $offer = merge $offer (dict "priceSpecification" (dict "@type" "UnitPriceSpecification" "priceType" "https://schema.org/StrikethroughPrice" "price" (float $price) "priceCurrency" site.Params.currency)) }}{{ end -}}
{{- $item := dict "@type" "Product" "@id" (printf "%s#product" $url) "url" $url "image" $images "offers" $offer -}}
{{- with $v -}}
{{- $item = merge $item (dict "name" (printf "%s – %s" $p.Title .label) "sku" .sku "gtin" .gtin) -}}
{{- range $k, $value := .options }}{{ $item = merge $item (dict $k $value) }}{{ end -}}
{{- else -}}
{{- $item = merge $item (dict "name" $p.Title "sku" $p.Params.handle "gtin" $p.Params.gtin "brand" (dict "@type" "Brand" "name" $p.Params.brand)) -}}
{{- end -}}
{{- return $item -}}"""

# The option groups of a product (colour, size…) and, for each value, the first variant that has it (made once per product).
EQ_OPTION_GROUPS = r"""{{- $groups := slice -}}
{{- $names := slice }}{{ range .Params.variants }}{{ range $k, $_ := .options }}{{ if not (in $names $k) }}{{ $names = $names | append $k }}{{ end }}{{ end }}{{ end -}}
{{- range $name := $names -}}
  {{- $values := slice }}{{ $seen := slice -}}
  {{- range $.Params.variants }}{{ $value := index .options $name }}{{ if and $value (not (in $seen $value)) }}{{ $seen = $seen | append $value }}{{ $values = $values | append (dict "value" $value "slug" .slug) }}{{ end }}{{ end -}}
  {{- $groups = $groups | append (dict "name" $name "values" $values) -}}
{{- end -}}
{{- return $groups -}}"""

EQ_GALLERY = r"""{{ $title := .title }}
      <div class="gallery" data-gallery>
        <div class="gallery__viewport" role="region" aria-label="Product images" tabindex="0">
          {{- range $i, $path := .images }}
          <figure class="gallery__slide" id="photo-{{ add $i 1 }}">
            {{ partial "picture.html" (dict "path" $path "sizes" "(min-width: 1240px) 660px, (min-width: 900px) 53vw, 100vw" "alt" (cond (eq $i 0) $title (printf "%s, picture %d" $title (add $i 1))) "class" "gallery__image" "eager" (eq $i 0)) }}
          </figure>
          {{- end }}
        </div>
        <ul class="gallery__thumbs" aria-label="Choose an image">
          {{- range $i, $path := .images }}
          <li class="gallery__thumb-item">
            <a class="gallery__thumb" href="#photo-{{ add $i 1 }}"{{ if eq $i 0 }} aria-current="true"{{ end }}>
              {{ partial "picture.html" (dict "path" $path "sizes" "72px" "alt" (cond (eq $i 0) $title (printf "%s, picture %d" $title (add $i 1)))) }}
            </a>
          </li>
          {{- end }}
        </ul>
      </div>
      {{ with .listing }}<a class="listing-link" href="{{ . }}"><span class="listing-link__icon" aria-hidden="true"><svg viewBox="0 0 24 24"><path d="M7 4.5v15l12.5-7.5z"/></svg></span> Watch the video listing</a>{{ end }}"""

EQ_ORDER_NOTE = r"""{{ $seller := site.Params.seller }}
      <section class="order-note" aria-labelledby="order-title">
        <h2 class="order-note__title" id="order-title">How to order</h2>
        <p>We sell directly &mdash; no marketplace in between. <a href="{{ "contact/" | relURL }}">Contact us</a> or email <a href="mailto:{{ $seller.email }}">{{ $seller.email }}</a> with the product and option you&rsquo;d like, and we&rsquo;ll reply with payment details and a shipping date.</p>
        <ul class="order-note__facts">
          {{ partialCached "policy-facts.html" . }}
        </ul>
      </section>"""

EQ_AUTHENTICITY = r"""
      <section class="authenticity" aria-labelledby="authenticity-title">
        <h2 class="authenticity__title" id="authenticity-title">Authenticity details</h2>
        <p class="authenticity__intro">Sold and shipped by {{ site.Params.seller.legal_name }} &mdash; no marketplace, no third-party sellers. These identifiers let you check that what you receive is genuine.</p>
        <dl class="authenticity__list">
          {{- range . }}{{ if .value }}
          <div class="authenticity__row">
            <dt>{{ .label }}</dt>
            <dd>{{ .value }}</dd>
          </div>
          {{- end }}{{ end }}
        </dl>
      </section>"""

EQ_VIDEOS = r"""{{ with .Params.videos }}{{ $title := $.Title }}
  <section class="product__videos" aria-labelledby="videos-title">
    <h2 class="eyebrow" id="videos-title">Watch</h2>
    <div class="videos">
      {{- range . }}
      <figure class="video">
        <video class="video__player" controls preload="none" playsinline{{ with .thumbnail }} poster="{{ (partialCached "renditions.html" . .).src }}"{{ end }}>
          <source src="{{ .url | relURL }}" type="video/mp4">
          <a href="{{ .url | relURL }}">Download the video: {{ .title | default $title }}</a>
        </video>
        <figcaption class="video__caption"><span>{{ .title | default $title }}</span> <span class="video__duration">0:{{ printf "%02d" (int .duration_seconds) }}</span></figcaption>
      </figure>
      {{- end }}
    </div>
  </section>{{ end }}"""

# The variants' table (product page and each variant page), the selected one marked.
EQ_VARIANT_TABLE = r"""{{ $p := .product }}{{ $selected := .selected }}
      <section class="product__panel" aria-labelledby="variants-title">
        <h2 class="eyebrow" id="variants-title">All options</h2>
        <table class="variant-table">
          <thead>
            <tr><th scope="col">Option</th><th scope="col">Price</th><th scope="col">Availability</th></tr>
          </thead>
          <tbody>
            {{- range $p.Params.variants }}
            <tr{{ if eq .sku $selected }} class="is-selected"{{ end }}>
              <th scope="row"><a href="{{ $p.RelPermalink }}variants/{{ .slug }}/"{{ if eq .sku $selected }} aria-current="page"{{ end }}>{{ .label }}</a></th>
              <td class="variant-table__price">{{ with $p.Params.sale_price }}<s class="price__regular">{{ lang.FormatCurrency 2 site.Params.currency (float $p.Params.price) }}</s> {{ lang.FormatCurrency 2 site.Params.currency (float .) }}{{ else }}{{ lang.FormatCurrency 2 site.Params.currency (float $p.Params.price) }}{{ end }}</td>
              <td>{{ if eq $p.Params.availability "in_stock" }}In stock{{ else }}Sold out{{ end }}</td>
            </tr>
            {{- end }}
          </tbody>
        </table>
      </section>"""

EQ_FOUND_IN = r"""
      <section class="product__panel" aria-labelledby="found-in-title">
        <h2 class="eyebrow" id="found-in-title">Found in</h2>
        <ul class="pill-list">
          {{- range .GetTerms "collections" }}
          <li><a class="pill pill--link" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
          {{- end }}
        </ul>
      </section>
      {{- with .Params.tags }}
      <section class="product__panel" aria-labelledby="tags-title">
        <h2 class="eyebrow" id="tags-title">Tags</h2>
        <ul class="pill-list">
          {{- range . }}
          <li><span class="pill">{{ . }}</span></li>
          {{- end }}
        </ul>
      </section>
      {{- end }}"""

EQ_PRODUCT_META = r"""<meta property="og:type" content="product">
{{ with index .page.Params.images 0 }}<meta property="og:image" content="{{ (partialCached "renditions.html" . .).og }}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">{{ end }}
<meta property="product:brand" content="{{ .page.Params.brand }}">
<meta property="product:availability" content="{{ if eq .availability "in_stock" }}in stock{{ else }}out of stock{{ end }}">
<meta property="product:condition" content="new">
<meta property="product:price:amount" content="{{ .price }}">
<meta property="product:price:currency" content="{{ site.Params.currency }}">
{{- with .sale }}
<meta property="product:sale_price:amount" content="{{ . }}">
<meta property="product:sale_price:currency" content="{{ site.Params.currency }}">
{{- end }}
<meta property="product:retailer_item_id" content="{{ .sku }}">
{{- with .group }}
<meta property="product:item_group_id" content="{{ . }}">
{{- end }}"""

# A product's page: gallery, price, options, identifiers, the whole write-up, the variants' table, related products,
# and the ProductGroup JSON-LD with every variant described in full.
EQ_PRODUCT = r"""{{ define "bodyclass" }}page-product{{ end }}
{{ define "head" -}}
{{ partial "product-meta.html" (dict "page" . "price" .Params.price "sale" .Params.sale_price "availability" .Params.availability "sku" .Params.handle "group" (cond (gt (len .Params.variants) 0) .Params.handle "")) }}
{{- $items := slice }}{{ $p := . -}}
{{- range .Params.variants }}{{ $items = $items | append (partialCached "item-ld.html" (dict "product" $p "variant" . "price" $p.Params.price "sale" $p.Params.sale_price "availability" $p.Params.availability) .sku) }}{{ end -}}
{{- $facts := partialCached "product-facts.html" . .Path }}{{ $images := $facts.images }}{{ $description := $facts.description -}}
{{- $main := dict -}}
{{- if .Params.variants -}}
{{- $varies := slice }}{{ range partialCached "option-groups.html" . .Path }}{{ $varies = $varies | append (printf "https://schema.org/%s" .name) }}{{ end -}}
{{- $main = dict "@type" "ProductGroup" "@id" (printf "%s#product" .Permalink) "name" .Title "description" $description "productGroupID" .Params.handle
      "brand" (dict "@type" "Brand" "name" .Params.brand) "image" $images "variesBy" $varies "hasVariant" $items "url" .Permalink -}}
{{- else -}}
{{- $main = merge (partial "item-ld.html" (dict "product" . "price" .Params.price "sale" .Params.sale_price "availability" .Params.availability)) (dict "description" $description) -}}
{{- end -}}
{{- with $facts.videos }}{{ $main = merge $main (dict "subjectOf" .) }}{{ end -}}
{{- $crumbs := slice (dict "@type" "ListItem" "position" 1 "name" "Home" "item" site.Home.Permalink) -}}
{{- with $facts.collection }}{{ $crumbs = $crumbs | append (dict "@type" "ListItem" "position" 2 "name" .LinkTitle "item" .Permalink) }}{{ end -}}
{{- $crumbs = $crumbs | append (dict "@type" "ListItem" "position" (add (len $crumbs) 1) "name" .Title "item" .Permalink) -}}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@graph" (slice $main (dict "@type" "BreadcrumbList" "itemListElement" $crumbs)) | jsonify | safeJS }}</script>
{{ end }}
{{ define "main" -}}
{{ $p := . }}{{ $collection := (partialCached "product-facts.html" . .Path).collection -}}
<div class="wrap">
  {{ partial "breadcrumbs.html" (slice (dict "title" $collection.LinkTitle "url" $collection.RelPermalink) (dict "title" .Title)) }}
</div>

<article class="product wrap" aria-labelledby="product-title">
  <div class="product__top">
    <div class="product__gallery">
      {{ partialCached "gallery.html" (dict "images" .Params.images "title" .Title "listing" (strings.TrimSuffix "index.html" (.OutputFormats.Get "player").RelPermalink)) .Path }}
    </div>

    <div class="product__info">
      <p class="product__brand">{{ .Params.brand }}</p>
      <h1 class="product__title" id="product-title">{{ .Title }}</h1>
      {{ with .Params.summary }}<p class="product__summary">{{ . }}</p>{{ end }}

      <div class="product__buybox">
        {{ partial "price.html" (dict "price" .Params.price "sale" .Params.sale_price) }}
        {{ with .Params.sale_price }}{{ $saved := sub (float $p.Params.price) (float .) }}<p class="price__savings">You save {{ lang.FormatCurrency 2 site.Params.currency $saved }} ({{ math.Round (mul 100 (div $saved (float $p.Params.price))) }}%)</p>{{ end }}
        <p class="availability availability--{{ .Params.availability }}">
          <span class="availability__dot" aria-hidden="true"></span>
          <span>{{ if eq .Params.availability "in_stock" }}In stock{{ else }}Sold out{{ end }}</span>
        </p>
      </div>
      {{- with .Params.variants }}

      <div class="options">
        {{- range partialCached "option-groups.html" $p $p.Path }}
        <div class="option-group">
          <p class="option-group__label">{{ .name }}</p>
          <ul class="chips" aria-label="{{ .name }}">
            {{- range .values }}
            <li><a class="chip" href="{{ $p.RelPermalink }}variants/{{ .slug }}/">{{ .value }}</a></li>
            {{- end }}
          </ul>
        </div>
        {{- end }}
        <p class="options__prompt">Choose a {{ (index (partialCached "option-groups.html" $p $p.Path) 0).name }} to see its price and availability.</p>
      </div>
      {{- end }}
      {{- with .Params.highlights }}

      <ul class="highlights">
        {{- range . }}
        <li>{{ . }}</li>
        {{- end }}
      </ul>
      {{- end }}
      {{ partialCached "order-note.html" . }}
      {{ partial "authenticity.html" (slice (dict "label" "Brand" "value" .Params.brand) (dict "label" "GTIN" "value" .Params.gtin) (dict "label" "SKU" "value" (cond (gt (len .Params.variants) 0) "" .Params.handle)) (dict "label" "Condition" "value" "New")) }}
    </div>
  </div>
  {{ partialCached "videos.html" . .Path }}

  <div class="product__details{{ if .Content }} product__details--has-main{{ end }}">
    {{- with .Content }}
    <section class="product__description" aria-labelledby="description-title">
      <h2 class="eyebrow" id="description-title">About this product</h2>
      <div class="prose">
        {{ . }}
      </div>
    </section>
    {{- end }}

    <div class="product__aside">
      {{- if .Params.variants }}{{ partial "variant-table.html" (dict "product" . "selected" "") }}{{ end }}
      {{ partialCached "found-in.html" . .Path }}
    </div>
  </div>
</article>
{{- with first 4 (site.RegularPages.Related .) }}

<section class="section section--related" aria-labelledby="related-title">
  <div class="wrap">
    <h2 class="section__title" id="related-title">You may also like</h2>
    <ul class="product-grid">
      {{- range . }}
      {{ partialCached "card.html" . .Path }}
      {{- end }}
    </ul>
  </div>
</section>
{{- end }}
{{ end }}
"""

# A variant's own page (a Hugo content page per variant): its price and availability, options (chosen),
# identifiers, the opening of the write-up with a link to the product page, and the group's JSON-LD with this
# variant's offer in full and the others by URL.
EQ_VARIANT = r"""{{ define "bodyclass" }}page-product{{ end }}
{{ define "head" -}}
{{ $p := site.GetPage (printf "/products/%s" .Params.product) -}}
{{ partial "product-meta.html" (dict "page" $p "price" .Params.price "sale" .Params.sale_price "availability" .Params.availability "sku" .Params.sku "group" $p.Params.handle) }}
{{- $self := . }}{{ $items := slice -}}
{{- range $p.Params.variants }}{{ if eq .sku $self.Params.sku }}{{ $items = $items | append (partialCached "item-ld.html" (dict "product" $p "variant" . "price" $self.Params.price "sale" $self.Params.sale_price "availability" $self.Params.availability) .sku) }}{{ else }}{{ $items = $items | append (dict "url" (printf "%svariants/%s/" $p.Permalink .slug)) }}{{ end }}{{ end -}}
{{- $facts := partialCached "product-facts.html" $p $p.Path }}{{ $images := $facts.images -}}
{{- $varies := slice }}{{ range partialCached "option-groups.html" $p $p.Path }}{{ $varies = $varies | append (printf "https://schema.org/%s" .name) }}{{ end -}}
{{- $group := dict "@type" "ProductGroup" "@id" (printf "%s#product" $p.Permalink) "name" $p.Title "description" ($facts.opening | default $p.Title) "productGroupID" $p.Params.handle
      "brand" (dict "@type" "Brand" "name" $p.Params.brand) "image" $images "variesBy" $varies "hasVariant" $items -}}
{{- with $facts.videos }}{{ $group = merge $group (dict "subjectOf" .) }}{{ end -}}
{{- $crumbs := slice (dict "@type" "ListItem" "position" 1 "name" "Home" "item" site.Home.Permalink) -}}
{{- with $facts.collection }}{{ $crumbs = $crumbs | append (dict "@type" "ListItem" "position" 2 "name" .LinkTitle "item" .Permalink) }}{{ end -}}
{{- $crumbs = $crumbs | append (dict "@type" "ListItem" "position" (add (len $crumbs) 1) "name" $p.Title "item" $p.Permalink) (dict "@type" "ListItem" "position" (add (len $crumbs) 2) "name" .Params.label "item" .Permalink) -}}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@graph" (slice $group (dict "@type" "BreadcrumbList" "itemListElement" $crumbs)) | jsonify | safeJS }}</script>
{{ end }}
{{ define "main" -}}
{{ $self := . }}{{ $p := site.GetPage (printf "/products/%s" .Params.product) }}{{ $facts := partialCached "product-facts.html" $p $p.Path }}{{ $collection := $facts.collection -}}
<div class="wrap">
  {{ partial "breadcrumbs.html" (slice (dict "title" $collection.LinkTitle "url" $collection.RelPermalink) (dict "title" $p.Title "url" $p.RelPermalink) (dict "title" .Params.label)) }}
</div>

<article class="product wrap" aria-labelledby="product-title">
  <div class="product__top">
    <div class="product__gallery">
      {{ partialCached "gallery.html" (dict "images" .Params.images "title" $p.Title "listing" (strings.TrimSuffix "index.html" ($p.OutputFormats.Get "player").RelPermalink)) $p.Path }}
    </div>

    <div class="product__info">
      <p class="product__brand">{{ $p.Params.brand }}</p>
      <h1 class="product__title" id="product-title">{{ $p.Title }}</h1>
      {{ with $p.Params.summary }}<p class="product__summary">{{ . }}</p>{{ end }}

      <div class="product__buybox">
        {{ partial "price.html" (dict "price" .Params.price "sale" .Params.sale_price) }}
        {{ with .Params.sale_price }}{{ $saved := sub (float $self.Params.price) (float .) }}<p class="price__savings">You save {{ lang.FormatCurrency 2 site.Params.currency $saved }} ({{ math.Round (mul 100 (div $saved (float $self.Params.price))) }}%)</p>{{ end }}
        <p class="availability availability--{{ .Params.availability }}">
          <span class="availability__dot" aria-hidden="true"></span>
          <span>{{ if eq .Params.availability "in_stock" }}In stock{{ else }}Sold out{{ end }}</span>
        </p>
      </div>

      <div class="options">
        {{- range partialCached "option-groups.html" $p $p.Path }}{{ $chosen := index $self.Params.options .name }}
        <div class="option-group">
          <p class="option-group__label">{{ .name }}: <strong>{{ $chosen }}</strong></p>
          <ul class="chips" aria-label="{{ .name }}">
            {{- range .values }}
            <li><a class="chip" href="{{ $p.RelPermalink }}variants/{{ .slug }}/"{{ if eq .value $chosen }} aria-current="true"{{ end }}>{{ .value }}</a></li>
            {{- end }}
          </ul>
        </div>
        {{- end }}
      </div>
      {{- with $p.Params.highlights }}

      <ul class="highlights">
        {{- range . }}
        <li>{{ . }}</li>
        {{- end }}
      </ul>
      {{- end }}
      {{ partialCached "order-note.html" . }}
      {{ partial "authenticity.html" (slice (dict "label" "Brand" "value" $p.Params.brand) (dict "label" "GTIN" "value" .Params.gtin) (dict "label" "SKU" "value" .Params.sku) (dict "label" "Condition" "value" "New")) }}
    </div>
  </div>
  {{ partialCached "videos.html" $p $p.Path }}

  <div class="product__details product__details--has-main">
    <section class="product__description" aria-labelledby="description-title">
      <h2 class="eyebrow" id="description-title">About this product</h2>
      <div class="prose">
        <p>{{ $facts.opening }}</p>
        <p><a href="{{ $p.RelPermalink }}#description-title">Read the full description</a></p>
      </div>
    </section>

    <div class="product__aside">
      {{ partial "variant-table.html" (dict "product" $p "selected" .Params.sku) }}
      {{ partialCached "found-in.html" $p $p.Path }}
    </div>
  </div>
</article>
{{ end }}
"""

# The video listing of a product, as data: its scenes (hero, highlights, the clip, the offer, the closing card), made
# once per product and written three ways (output formats): listing.json, listing.vtt and the player page.
EQ_LISTING = r"""{{- $p := . -}}
{{- $currency := site.Params.currency -}}
{{- $price := lang.FormatCurrency 2 $currency (float ($p.Params.sale_price | default $p.Params.price)) -}}
{{- $was := "" }}{{ with $p.Params.sale_price }}{{ $was = lang.FormatCurrency 2 $currency (float $p.Params.price) }}{{ end -}}
{{- $available := cond (eq $p.Params.availability "in_stock") "In stock" "Sold out" -}}
{{- $images := $p.Params.images }}{{ $n := len $images -}}
{{- $plan := slice (dict "id" "hero" "seconds" 4.0 "image" 0 "motion" "zoom-in") -}}
{{- range $i, $h := first 3 ($p.Params.highlights | default slice) }}{{ $plan = $plan | append (dict "id" (printf "highlight-%d" (add $i 1)) "seconds" 3.5 "image" (add $i 1) "motion" (index (slice "pan-left" "zoom-out" "pan-right") $i) "highlight" $h) }}{{ end -}}
{{- with $p.Params.videos }}{{ $plan = $plan | append (dict "id" "clip" "seconds" 6.0 "video" (index . 0)) }}{{ end -}}
{{- $plan = $plan | append (dict "id" "offer" "seconds" 4.0 "image" (len $plan) "motion" "zoom-in") (dict "id" "closing" "seconds" 4.0) -}}
{{- $total := 0.0 }}{{ range $plan }}{{ $total = add $total .seconds }}{{ end -}}
{{- $scale := 1.0 }}{{ if lt $total 15.0 }}{{ $scale = div 15.0 $total }}{{ end -}}
{{- $motions := dict "zoom-in" (dict "from" (dict "zoom" 1 "x" 0.5 "y" 0.5) "to" (dict "zoom" 1.15 "x" 0.5 "y" 0.5))
                     "zoom-out" (dict "from" (dict "zoom" 1.15 "x" 0.5 "y" 0.5) "to" (dict "zoom" 1 "x" 0.5 "y" 0.5))
                     "pan-left" (dict "from" (dict "zoom" 1.15 "x" 0.56 "y" 0.5) "to" (dict "zoom" 1.15 "x" 0.44 "y" 0.5))
                     "pan-right" (dict "from" (dict "zoom" 1.15 "x" 0.44 "y" 0.5) "to" (dict "zoom" 1.15 "x" 0.56 "y" 0.5)) -}}
{{- $priceOverlay := dict "kind" "price" "position" "bottom" "text" $price }}{{ with $was }}{{ $priceOverlay = merge $priceOverlay (dict "was" .) }}{{ end -}}
{{- $priceLine := $price }}{{ with $was }}{{ $priceLine = printf "%s (was %s)" $price . }}{{ end -}}
{{- $scenes := slice }}{{ $start := 0.0 -}}
{{- range $plan -}}
  {{- $seconds := div (math.Round (mul .seconds $scale 10)) 10.0 -}}
  {{- $scene := dict "id" .id "start" $start "duration" $seconds -}}
  {{- if eq .id "hero" -}}
    {{- $scene = merge $scene (dict "kind" "image" "overlays" (slice (dict "kind" "text" "position" "top" "text" $p.Params.brand) (dict "kind" "title" "position" "bottom" "text" $p.Title)) "caption" (printf "%s\n%s" $p.Params.brand $p.Title)) -}}
  {{- else if .highlight -}}
    {{- $scene = merge $scene (dict "kind" "image" "overlays" (slice (dict "kind" "highlight" "position" "bottom" "text" .highlight)) "caption" .highlight) -}}
  {{- else if .video -}}
    {{- $scene = merge $scene (dict "kind" "video" "video" (dict "url" (.video.url | absURL) "in" 0 "out" $seconds) "overlays" slice "caption" "") -}}
  {{- else if eq .id "offer" -}}
    {{- $scene = merge $scene (dict "kind" "image" "overlays" (slice $priceOverlay (dict "kind" "availability" "position" "bottom" "text" $available "availability" $p.Params.availability)) "caption" (printf "%s\n%s" $priceLine $available)) -}}
  {{- else -}}
    {{- $scene = merge $scene (dict "kind" "card" "overlays" (slice (dict "kind" "title" "position" "center" "text" $p.Title) (merge $priceOverlay (dict "position" "center")) (dict "kind" "cta" "position" "bottom" "text" (printf "Shop now at %s" (urls.Parse site.BaseURL).Host) "url" $p.Permalink)) "caption" (printf "%s\n%s\nShop now at %s" $p.Title $priceLine (urls.Parse site.BaseURL).Host)) -}}
  {{- end -}}
  {{- if isset . "image" }}{{ $path := index $images (mod .image $n) }}{{ $scene = merge $scene (dict "image" (partialCached "renditions.html" $path $path).poster "motion" (index $motions .motion)) }}{{ end -}}
  {{- $scenes = $scenes | append $scene -}}
  {{- $start = add $start $seconds -}}
{{- end -}}
{{- $player := (.OutputFormats.Get "player").Permalink | strings.TrimSuffix "index.html" -}}
{{- return dict "$schema" ("schemas/video-listing-1.schema.json" | absURL) "version" 1 "language" site.Language.Locale
     "product" (dict "handle" $p.Params.handle "title" $p.Title "brand" $p.Params.brand "url" $p.Permalink)
     "offer" (dict "price" ($p.Params.sale_price | default $p.Params.price) "regular_price" (cond (ne $was "") $p.Params.price "") "currency" $currency "from" false "availability" $p.Params.availability)
     "duration" $start "frame_rate" 30
     "formats" (slice (dict "name" "vertical" "aspect_ratio" "9:16" "width" 1080 "height" 1920) (dict "name" "square" "aspect_ratio" "1:1" "width" 1080 "height" 1080) (dict "name" "landscape" "aspect_ratio" "16:9" "width" 1920 "height" 1080))
     "look" (dict "background" "#f7f3ec" "ink" "#211d18" "text" "#fffdf9" "accent" "#2f5b45" "sale" "#a23a1c" "font" "\"Iowan Old Style\", \"Palatino Linotype\", Palatino, Georgia, \"DejaVu Serif\", serif")
     "poster" (partialCached "renditions.html" (index $images 0) (index $images 0)).poster
     "captions" (dict "url" ((.OutputFormats.Get "captions").Permalink) "language" site.Language.Locale)
     "player" $player "renditions" slice "scenes" $scenes -}}"""

EQ_LISTING_JSON = r"""{{ partialCached "listing.html" . .Path | jsonify (dict "indent" "  ") }}
"""

EQ_LISTING_VTT = r"""WEBVTT
{{ range (partialCached "listing.html" . .Path).scenes }}{{ if .caption }}
{{ .id }}
{{ partial "vtt-time.html" .start }} --> {{ partial "vtt-time.html" (add .start .duration) }}
{{ .caption }}
{{ end }}{{ end }}"""

EQ_VTT_TIME = r"""{{- $ms := int (math.Round (mul . 1000)) -}}
{{- return printf "%02d:%02d:%02d.%03d" (div $ms 3600000) (mod (div $ms 60000) 60) (mod (div $ms 1000) 60) (mod $ms 1000) -}}"""

EQ_PLAYER = r"""{{ define "bodyclass" }}page-video{{ end }}
{{ define "main" -}}
{{ $listing := partialCached "listing.html" . .Path }}{{ $p := . -}}
<div class="wrap">
  {{ partial "breadcrumbs.html" (slice (dict "title" .Title "url" .RelPermalink) (dict "title" "Video")) }}
</div>
<div class="wrap listing">
  <section class="listing__player" aria-label="Video listing: {{ .Title }}" data-listing-player data-text-play="Play" data-text-pause="Pause" data-text-replay="Replay" data-text-regular-price="Regular price" data-text-see-product="See the product" style="--listing-bg: {{ $listing.look.background | safeCSS }}; --listing-ink: {{ $listing.look.ink | safeCSS }}; --listing-text: {{ $listing.look.text | safeCSS }}; --listing-accent: {{ $listing.look.accent | safeCSS }}; --listing-sale: {{ $listing.look.sale | safeCSS }};">
    <div class="listing__frame">
      <div class="listing__stage" data-stage>
        {{ partial "picture.html" (dict "path" (index .Params.images 0) "sizes" "(min-width: 880px) 480px, 100vw" "alt" "" "class" "listing__poster" "eager" true) }}
        <div class="listing__still">
          <p class="listing__still-title">{{ .Title }}</p>
          <p class="listing__still-price">{{ lang.FormatCurrency 2 site.Params.currency (float $listing.offer.price) }} {{ with .Params.sale_price }}<span class="visually-hidden">Regular price </span><s>{{ lang.FormatCurrency 2 site.Params.currency (float $p.Params.price) }}</s>{{ end }}</p>
          <p class="listing__badge listing__badge--{{ .Params.availability }}">{{ if eq .Params.availability "in_stock" }}In stock{{ else }}Sold out{{ end }}</p>
          <a class="listing__cta" href="{{ .RelPermalink }}">See the product</a>
        </div>
      </div>
      <div class="listing__chrome" data-controls hidden>
        <div class="listing__progress" data-progress></div>
        <div class="listing__controls">
          <span class="listing__time" data-time>0:00 / 0:{{ printf "%02d" (int $listing.duration) }}</span>
          <button class="listing__button listing__button--cc" type="button" data-captions aria-pressed="true" aria-label="Captions">CC</button>
          <button class="listing__button" type="button" data-play aria-label="Play">
            <svg class="listing__icon listing__icon--play" viewBox="0 0 24 24" aria-hidden="true"><path d="M8 5.5v13l10.5-6.5z"/></svg>
            <svg class="listing__icon listing__icon--pause" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 5h3.5v14H7zM13.5 5H17v14h-3.5z"/></svg>
            <svg class="listing__icon listing__icon--replay" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5V2L7.5 6 12 10V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z"/></svg>
          </button>
        </div>
      </div>
      <p class="listing__caption" data-caption hidden></p>
    </div>
  </section>

  <div class="listing__about">
    <p class="eyebrow">Video listing · 0:{{ printf "%02d" (int $listing.duration) }}</p>
    <h1 class="listing__title">{{ .Title }}</h1>
    <p class="listing__brand">{{ .Params.brand }}</p>
    <div class="listing__offer">
      {{ partial "price.html" (dict "price" .Params.price "sale" .Params.sale_price) }}
      <p class="availability availability--{{ .Params.availability }}"><span class="availability__dot" aria-hidden="true"></span><span>{{ if eq .Params.availability "in_stock" }}In stock{{ else }}Sold out{{ end }}</span></p>
    </div>
    <p class="listing__actions"><a class="button" href="{{ .RelPermalink }}">See the product</a></p>
    <h2 class="listing__heading" id="transcript-title">Transcript</h2>
    <ol class="listing__transcript" aria-labelledby="transcript-title">
      {{- range $listing.scenes }}{{ if .caption }}
      <li><a href="?t={{ .start }}" data-seek="{{ .start }}"><span class="listing__at">0:{{ printf "%02d" (int .start) }}</span> <span class="listing__line">{{ .caption }}</span></a></li>
      {{- end }}{{ end }}
    </ol>
    <p class="listing__files"><a href="{{ (.OutputFormats.Get "listing").RelPermalink }}">listing.json</a> · <a href="{{ (.OutputFormats.Get "captions").RelPermalink }}">Captions (WebVTT)</a></p>
  </div>
</div>
<script type="application/json" id="listing-data">{{ $listing | jsonify | safeJS }}</script>
{{ with resources.Get "assets/listing-player.js" | fingerprint }}<script src="{{ .RelPermalink }}" defer></script>{{ end }}
{{ end }}
"""

# Filters of a listing (availability, price bands, every option value, on sale) with their counts, made once per
# collection and shown on each of its pages.
EQ_FACETS = r"""{{- $counts := newScratch }}{{ $order := newScratch -}}
{{- $bands := slice (slice 0.0 10.0 "0-10" "Under $10.00") (slice 10.0 25.0 "10-25" "$10.00 – $25.00") (slice 25.0 50.0 "25-50" "$25.00 – $50.00") (slice 50.0 100.0 "50-100" "$50.00 – $100.00") (slice 100.0 250.0 "100-250" "$100.00 – $250.00") (slice 250.0 1e12 "250-" "$250.00 and up") -}}
{{- range .Pages -}}
  {{- $price := float (.Params.sale_price | default .Params.price) -}}
  {{- if eq .Params.availability "in_stock" }}{{ $counts.Add "in-stock" 1 }}{{ end -}}
  {{- if .Params.sale_price }}{{ $counts.Add "on-sale" 1 }}{{ end -}}
  {{- range $bands }}{{ if and (ge $price (index . 0)) (lt $price (index . 1)) }}{{ $counts.Add (printf "price/%s" (index . 2)) 1 }}{{ end }}{{ end -}}
  {{- $seen := newScratch -}}
  {{- range .Params.variants }}{{ range $name, $value := .options -}}
    {{- $key := printf "%s/%s" $name $value -}}
    {{- if not ($seen.Get $key) }}{{ $seen.Set $key true }}{{ $counts.Add $key 1 }}{{ if eq ($counts.Get $key) 1 }}{{ $order.Add $name (slice $value) }}{{ end }}{{ end -}}
  {{- end }}{{ end -}}
{{- end -}}
    <form class="facets" data-facets hidden>
      <details class="facets__panel" data-facets-panel>
        <summary class="facets__toggle">Filter<span class="facets__active" data-facets-active hidden></span></summary>
        <div class="facets__groups">
          <fieldset class="facets__group" data-facet="availability">
            <legend class="facets__legend">Availability</legend>
            <ul class="facets__values">
              <li><label class="facets__value"><input type="checkbox" name="availability" value="in-stock"> <span class="facets__label">In stock</span> <span class="facets__count" data-count>{{ $counts.Get "in-stock" | default 0 }}</span></label></li>
            </ul>
          </fieldset>
          <fieldset class="facets__group" data-facet="price">
            <legend class="facets__legend">Price</legend>
            <ul class="facets__values">
              {{- range $bands }}{{ $band := . }}{{ with $counts.Get (printf "price/%s" (index $band 2)) }}
              <li><label class="facets__value"><input type="checkbox" name="price" value="{{ index $band 2 }}"> <span class="facets__label">{{ index $band 3 }}</span> <span class="facets__count" data-count>{{ . }}</span></label></li>
              {{- end }}{{ end }}
            </ul>
          </fieldset>
          {{- range $name, $values := $order.Values }}
          <fieldset class="facets__group" data-facet="{{ $name }}" data-in-stock-key="{{ $name }}.in-stock">
            <legend class="facets__legend">{{ $name }}</legend>
            <ul class="facets__values">
              {{- range $values }}
              <li><label class="facets__value"><input type="checkbox" name="{{ $name }}" value="{{ . }}"> <span class="facets__label">{{ . }}</span> <span class="facets__count" data-count>{{ $counts.Get (printf "%s/%s" $name .) }}</span></label></li>
              {{- end }}
            </ul>
          </fieldset>
          {{- end }}
          {{- with $counts.Get "on-sale" }}
          <fieldset class="facets__group" data-facet="sale">
            <legend class="facets__legend">Offers</legend>
            <ul class="facets__values">
              <li><label class="facets__value"><input type="checkbox" name="sale" value="on-sale"> <span class="facets__label">On sale</span> <span class="facets__count" data-count>{{ . }}</span></label></li>
            </ul>
          </fieldset>
          {{- end }}
          <p class="facets__actions">
            <button class="button button--quiet" type="button" data-facets-clear>Clear filters</button>
            <button class="button facets__apply" type="button" data-facets-apply>Show products</button>
          </p>
        </div>
      </details>
      <label class="facets__sort">Sort by
        <select name="sort" data-sort>
          <option value="">Featured</option>
          <option value="newest">Newest</option>
          <option value="price-asc">Price, low to high</option>
          <option value="price-desc">Price, high to low</option>
        </select>
      </label>
    </form>"""

EQ_PAGINATION = r"""{{- $pager := .Paginator }}{{ $total := $pager.TotalPages }}{{ $n := $pager.PageNumber -}}
{{- if gt $total 1 -}}{{ $base := $pager.First.URL -}}
    <nav class="pagination" aria-label="Pagination">
      <ul class="pagination__list">
        <li class="pagination__step">
          {{ with $pager.Prev }}<a class="pagination__link" href="{{ .URL }}" rel="prev"><span aria-hidden="true">&larr;</span> Previous</a>{{ else }}<span class="pagination__link is-disabled"><span aria-hidden="true">&larr;</span> Previous</span>{{ end }}
        </li>
        {{- $shown := slice 1 }}{{ range seq (math.Max 2 (sub $n 2)) (math.Min $total (add $n 2)) }}{{ $shown = $shown | append (int .) }}{{ end }}{{ if not (in $shown $total) }}{{ $shown = $shown | append $total }}{{ end -}}
        {{- $last := 0 }}{{ range $shown }}{{ if gt (sub . $last) 1 }}
        <li class="pagination__page pagination__gap" aria-hidden="true"><span class="pagination__link is-disabled">…</span></li>{{ end }}
        <li class="pagination__page"><a class="pagination__link" href="{{ if eq . 1 }}{{ $base }}{{ else }}{{ $base }}page/{{ . }}/{{ end }}" aria-label="Page {{ . }}"{{ if eq . $n }} aria-current="page"{{ end }}>{{ . }}</a></li>
        {{- $last = . }}{{ end }}
        <li class="pagination__step">
          {{ with $pager.Next }}<a class="pagination__link" href="{{ .URL }}" rel="next">Next <span aria-hidden="true">&rarr;</span></a>{{ else }}<span class="pagination__link is-disabled">Next <span aria-hidden="true">&rarr;</span></span>{{ end }}
        </li>
      </ul>
      <p class="pagination__status">Page {{ $n }} of {{ $total }}</p>
    </nav>
{{- end -}}"""

# A collection (a term of the collections taxonomy) or all products (the products section), 24 a page.
EQ_LISTING_PAGE = r"""{{ define "bodyclass" }}page-collection{{ end }}
{{ define "main" -}}
{{ $pager := .Paginator -}}
<div class="wrap">
  {{ if gt $pager.PageNumber 1 }}{{ partial "breadcrumbs.html" (slice (dict "title" .Title "url" .RelPermalink) (dict "title" (printf "Page %d" $pager.PageNumber))) }}{{ else }}{{ partial "breadcrumbs.html" (slice (dict "title" .Title)) }}{{ end }}

  <header class="collection-header collection-header--with-image">
    <div class="collection-header__text">
      <h1 class="collection-header__title">{{ .Title }}</h1>
      <p class="collection-header__count">{{ len .Pages }} products{{ if gt $pager.TotalPages 1 }} &middot; page {{ $pager.PageNumber }} of {{ $pager.TotalPages }}{{ end }}</p>
    </div>
    {{- with index .Pages 0 }}{{ with .Params.images }}
    <div class="collection-header__media">
      {{ partial "picture.html" (dict "path" (index . 0) "sizes" "(min-width: 1240px) 600px, (min-width: 860px) 50vw, 100vw" "alt" $.Title "eager" true) }}
    </div>
    {{- end }}{{ end }}
  </header>

  <div class="search" data-search data-mode="collection" data-collection="{{ path.Base .RelPermalink }}" data-featured-sort="newest:asc"
    data-bundle="/pagefind/" data-base="/"
    data-text-count="{count} products" data-text-count-one="1 product"
    data-text-none="Nothing matches. Try fewer words, or fewer filters." data-text-more="Show more" data-text-from="From" data-text-failed="Search could not load. Reload the page to try again.">
    {{ partialCached "facets.html" . .Path }}
    <p class="search__status" data-search-status role="status" aria-live="polite"></p>
    <ul class="product-grid search__results" data-search-results hidden></ul>
    <ul class="product-grid" data-search-static>
      {{- range $pager.Pages }}
      {{ partialCached "card.html" . .Path }}
      {{- end }}
    </ul>
    {{ partial "pagination.html" . }}
  </div>
</div>
{{ end }}
"""

EQ_HOME = r"""{{ define "bodyclass" }}page-home{{ end }}
{{ define "main" -}}
{{ $products := site.GetPage "/products" }}{{ $new := first 8 $products.RegularPages -}}
<section class="hero hero--with-image" aria-labelledby="hero-title">
  <div class="wrap hero__inner">
    <div class="hero__text">
      <h1 class="hero__title" id="hero-title">{{ site.Title }}</h1>
      <p class="hero__lede">{{ site.Params.description }}</p>
      <p class="hero__actions">
        <a class="button" href="{{ $products.RelPermalink }}">Shop all products</a>
        <a class="button button--quiet" href="#new-arrivals">See what&rsquo;s new</a>
      </p>
    </div>
    {{- with index $new 0 }}
    <div class="hero__media">
      {{ partial "picture.html" (dict "path" (index .Params.images 0) "sizes" "(min-width: 1240px) 600px, (min-width: 860px) 50vw, 100vw" "alt" "" "class" "hero__image" "eager" true) }}
    </div>
    {{- end }}
  </div>
</section>

<section class="section" aria-labelledby="collections-title">
  <div class="wrap">
    <div class="section__head">
      <h2 class="section__title" id="collections-title">Shop by collection</h2>
      <a class="section__more" href="{{ $products.RelPermalink }}">All products <span aria-hidden="true">&rarr;</span></a>
    </div>
    <ul class="collection-grid">
      {{- range first 6 site.Taxonomies.collections.ByCount }}
      <li class="collection-tile">
        <a class="collection-tile__link" href="{{ .Page.RelPermalink }}">
          <div class="collection-tile__media">
            {{ with index .Pages 0 }}{{ partial "picture.html" (dict "path" (index .Params.images 0) "sizes" "(min-width: 700px) 300px, 50vw" "alt" $.Page.Title) }}{{ end }}
          </div>
          <div class="collection-tile__text">
            <h3 class="collection-tile__title">{{ .Page.Title }}</h3>
            <p class="collection-tile__count">{{ .Count }} products</p>
          </div>
        </a>
      </li>
      {{- end }}
    </ul>
  </div>
</section>

<section class="section" id="new-arrivals" aria-labelledby="new-arrivals-title">
  <div class="wrap">
    <div class="section__head">
      <h2 class="section__title" id="new-arrivals-title">New arrivals</h2>
      <a class="section__more" href="{{ $products.RelPermalink }}">Shop all <span aria-hidden="true">&rarr;</span></a>
    </div>
    <ul class="product-grid">
      {{- range $new }}
      {{ partialCached "card.html" . .Path }}
      {{- end }}
    </ul>
  </div>
</section>
{{ $seller := site.Params.seller }}
<section class="section section--trust" aria-labelledby="trust-title">
  <div class="wrap">
    <h2 class="section__title" id="trust-title">Buy direct from {{ site.Title }}</h2>
    <ul class="trust">
      <li class="trust__item">
        <h3 class="trust__title">From the people who make it</h3>
        <p>Every order is sold and packed by {{ $seller.legal_name }}, in {{ $seller.address.city }} &mdash; no marketplace, no resellers, no look-alikes.</p>
      </li>
      <li class="trust__item">
        <h3 class="trust__title">Returns</h3>
        <p>{{ with site.Params.policies.returns }}{{ if eq .fees "free" }}Free returns{{ else }}Returns{{ end }} within {{ .days }} days.{{ if eq .method "by_mail" }} Return by mail.{{ end }}{{ end }}</p>
      </li>
      <li class="trust__item">
        <h3 class="trust__title">Shipping</h3>
        <p>{{ range site.Params.policies.shipping }}{{ if eq (float .price) 0.0 }}Free shipping{{ else }}Shipping {{ lang.FormatCurrency 2 site.Params.currency (float .price) }}{{ end }} in {{ if eq .country "US" }}the United States{{ else }}{{ .country }}{{ end }}.{{ end }}</p>
      </li>
      <li class="trust__item">
        <h3 class="trust__title">Real people</h3>
        <p>Questions before you buy? Write to <a href="mailto:{{ $seller.email }}">{{ $seller.email }}</a> or call <a href="tel:{{ replace $seller.phone " " "" }}">{{ $seller.phone }}</a>.</p>
      </li>
    </ul>
  </div>
</section>
{{ end }}
"""

EQ_PAGE = r"""{{ define "main" -}}
<div class="wrap wrap--narrow">
  {{ partial "breadcrumbs.html" (slice (dict "title" .Title)) }}
</div>
<article class="wrap wrap--narrow page-article">
  <header class="page-header">
    <h1 class="page-header__title">{{ .Title }}</h1>
  </header>
  <div class="prose">
    {{ .Content }}
  </div>
</article>
{{ end }}
"""

EQ_CONTACT = r"""{{ define "main" -}}
{{ $seller := site.Params.seller -}}
<div class="wrap">
  {{ partial "breadcrumbs.html" (slice (dict "title" .Title)) }}
</div>
<div class="wrap contact">
  <header class="page-header">
    <h1 class="page-header__title">{{ .Title }}</h1>
  </header>

  <div class="contact__grid">
    <div class="contact__main">
      <p class="contact__intro">We&rsquo;re a small team and we read every message. Write to us to place an order, ask about a product, or arrange a return &mdash; we usually reply within one business day.</p>
      {{ .Content }}
      <div class="contact__methods">
        <a class="contact-method" href="mailto:{{ $seller.email }}">
          <span class="contact-method__label">Email</span>
          <span class="contact-method__value">{{ $seller.email }}</span>
        </a>
        <a class="contact-method" href="tel:{{ replace $seller.phone " " "" }}">
          <span class="contact-method__label">Phone</span>
          <span class="contact-method__value">{{ $seller.phone }}</span>
        </a>
      </div>

      <section class="panel panel--seller" aria-labelledby="seller-title">
        <h2 class="panel__title" id="seller-title">Who you&rsquo;re buying from</h2>
        {{ partial "seller-address.html" . }}
        <p class="panel__note">{{ site.Title }} sells its own products directly. This is the business responsible for your order.</p>
      </section>
    </div>
    <aside class="contact__aside">
      <ul class="site-footer__facts">
        {{ partialCached "policy-facts.html" . }}
      </ul>
    </aside>
  </div>
</div>
{{ end }}
"""

EQ_404 = r"""{{ define "main" -}}
<div class="wrap not-found">
  <p class="not-found__code" aria-hidden="true">404</p>
  <h1 class="not-found__title">We couldn&rsquo;t find that page</h1>
  <p class="not-found__text">The link may be old, or the product may have moved. Here are some places to start:</p>
  <p class="not-found__actions">
    <a class="button" href="{{ (site.GetPage "/products").RelPermalink }}">Shop all products</a>
    <a class="button button--quiet" href="{{ site.Home.RelPermalink }}">Go to the home page</a>
  </p>
  <nav class="not-found__nav" aria-label="Collections">
    <h2 class="not-found__subtitle">Collections</h2>
    <ul class="pill-list">
      {{- range site.Taxonomies.collections.Alphabetical }}
      <li><a class="pill pill--link" href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>
      {{- end }}
    </ul>
  </nav>
  <p class="not-found__help">Still lost? <a href="{{ "contact/" | relURL }}">Contact us</a> and we&rsquo;ll help you find it.</p>
</div>
{{ end }}
"""

# Google Merchant Center feed: RSS 2.0 with the g: namespace, one item per variant (or per product without variants).
EQ_MERCHANT = r"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>{{ site.Title | htmlEscape }}</title>
    <link>{{ site.Home.Permalink }}</link>
    <description>{{ site.Params.description | htmlEscape }}</description>
{{- $currency := site.Params.currency }}
{{- range (site.GetPage "/products").RegularPages }}{{ $p := . }}
{{- $facts := partialCached "product-facts.html" . .Path }}
{{- $description := $facts.description | htmlEscape }}{{ $images := $facts.images }}{{ $collection := $facts.collection }}
{{- $items := .Params.variants | default (slice (dict "sku" .Params.handle "gtin" .Params.gtin)) }}
{{- range $items }}
    <item>
      <g:id>{{ .sku }}</g:id>
{{- if $p.Params.variants }}
      <g:item_group_id>{{ $p.Params.handle }}</g:item_group_id>
      <title>{{ printf "%s – %s" $p.Title .label | htmlEscape }}</title>
{{- else }}
      <title>{{ $p.Title | htmlEscape }}</title>
{{- end }}
      <description>{{ $description }}</description>
      <link>{{ if .slug }}{{ $p.Permalink }}variants/{{ .slug }}/{{ else }}{{ $p.Permalink }}{{ end }}</link>
      <g:image_link>{{ index $images 0 }}</g:image_link>
{{- range after 1 $images }}
      <g:additional_image_link>{{ . }}</g:additional_image_link>
{{- end }}
{{- range $p.Params.videos }}
      <g:video_link>{{ .url | absURL }}</g:video_link>
{{- end }}
      <g:availability>{{ $p.Params.availability }}</g:availability>
      <g:price>{{ $p.Params.price }} {{ $currency }}</g:price>
{{- with $p.Params.sale_price }}
      <g:sale_price>{{ . }} {{ $currency }}</g:sale_price>
{{- end }}
      <g:brand>{{ $p.Params.brand | htmlEscape }}</g:brand>
{{- with .gtin }}
      <g:gtin>{{ . }}</g:gtin>
{{- end }}
      <g:condition>new</g:condition>
      <g:product_type>{{ $collection.LinkTitle | htmlEscape }}</g:product_type>
{{- with $p.Params.google_product_category }}
      <g:google_product_category>{{ . | htmlEscape }}</g:google_product_category>
{{- end }}
{{- range $name, $value := .options }}
      <g:{{ $name }}>{{ $value | htmlEscape }}</g:{{ $name }}>
{{- end }}
{{- range site.Params.policies.shipping }}
      <g:shipping>
        <g:country>{{ .country }}</g:country>
        <g:service>{{ .service | htmlEscape }}</g:service>
        <g:price>{{ .price }} {{ $currency }}</g:price>
        <g:min_transit_time>{{ .min_days }}</g:min_transit_time>
        <g:max_transit_time>{{ .max_days }}</g:max_transit_time>
      </g:shipping>
{{- end }}
{{- if $p.Params.sale_price }}
      <g:custom_label_0>on sale</g:custom_label_0>
{{- end }}
      <g:custom_label_1>{{ $collection.LinkTitle | htmlEscape }}</g:custom_label_1>
    </item>
{{- end }}
{{- end }}
  </channel>
</rss>
"""

# Meta (Facebook, Instagram) commerce catalog: CSV, one row per variant.
EQ_META = r"""id,item_group_id,title,description,availability,condition,price,sale_price,link,image_link,additional_image_link,brand,gtin,mpn,google_product_category,product_type,color,size,material,pattern,gender,age_group,shipping,video[0].url,custom_label_0,custom_label_1
{{- $currency := site.Params.currency }}
{{- $shipping := slice }}{{ range site.Params.policies.shipping }}{{ $shipping = $shipping | append (printf "%s::%s:%s %s" .country .service .price $currency) }}{{ end }}{{ $shipping = delimit $shipping "," }}
{{- range (site.GetPage "/products").RegularPages }}{{ $p := . }}
{{- $facts := partialCached "product-facts.html" . .Path }}
{{- $description := replace ($facts.text | truncate 9999 "…" | default .Title) `"` `""` }}
{{- $images := $facts.images }}{{ $collection := $facts.collection.LinkTitle }}
{{- $video := "" }}{{ with .Params.videos }}{{ $video = (index . 0).url | absURL }}{{ end }}
{{- $items := .Params.variants | default (slice (dict "sku" .Params.handle "gtin" .Params.gtin)) }}
{{- range $items }}
{{ .sku }},{{ if $p.Params.variants }}{{ $p.Params.handle }}{{ end }},"{{ if .label }}{{ replace (printf "%s – %s" $p.Title .label) `"` `""` }}{{ else }}{{ replace $p.Title `"` `""` }}{{ end }}","{{ $description }}",{{ replace $p.Params.availability "_" " " }},new,{{ $p.Params.price }} {{ $currency }},{{ with $p.Params.sale_price }}{{ . }} {{ $currency }}{{ end }},{{ if .slug }}{{ $p.Permalink }}variants/{{ .slug }}/{{ else }}{{ $p.Permalink }}{{ end }},{{ index $images 0 }},"{{ delimit (after 1 $images) "," }}","{{ replace $p.Params.brand `"` `""` }}",{{ .gtin }},,"{{ with $p.Params.google_product_category }}{{ replace . `"` `""` }}{{ end }}","{{ replace $collection `"` `""` }}",{{ with .options }}{{ .color }}{{ end }},{{ with .options }}{{ .size }}{{ end }},,,,,"{{ $shipping }}",{{ $video }},{{ if $p.Params.sale_price }}on sale{{ end }},"{{ replace $collection `"` `""` }}"
{{- end }}
{{- end }}
"""

# The 50 newest products, as Atom and as JSON Feed 1.1.
EQ_ATOM = r"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ site.Language.Locale }}">
  <id>{{ .Permalink }}</id>
  <title>New arrivals at {{ site.Title | htmlEscape }}</title>
  <subtitle>{{ site.Params.description | htmlEscape }}</subtitle>
{{- $new := first 50 (site.GetPage "/products").RegularPages }}
  <updated>{{ (index $new 0).Date.Format "2006-01-02T15:04:05Z" }}</updated>
  <link rel="self" type="application/atom+xml" href="{{ .Permalink }}"/>
  <link rel="alternate" type="text/html" href="{{ site.Home.Permalink }}"/>
  <author>
    <name>{{ site.Params.seller.legal_name | htmlEscape }}</name>
    <uri>{{ site.Home.Permalink }}</uri>
  </author>
  <generator>Hugo</generator>
{{- range $new }}
{{- $entry := partialCached "feed-entry.html" . .Path }}
  <entry>
    <id>{{ .Permalink }}</id>
    <title>{{ .Title | htmlEscape }}</title>
    <link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
    <updated>{{ .Date.Format "2006-01-02T15:04:05Z" }}</updated>
    <published>{{ .Date.Format "2006-01-02T15:04:05Z" }}</published>
    <summary>{{ $entry.summary | htmlEscape }}</summary>
    <content type="html">{{ $entry.html | htmlEscape }}</content>
{{- range .GetTerms "collections" }}
    <category term="{{ .LinkTitle | htmlEscape }}"/>
{{- end }}
  </entry>
{{- end }}
</feed>
"""

EQ_FEED_ENTRY = r"""{{- $summary := (partialCached "product-facts.html" . .Path).text | truncate 500 "…" | default .Title -}}
{{- $r := partialCached "renditions.html" (index .Params.images 0) (index .Params.images 0) -}}
{{- $price := lang.FormatCurrency 2 site.Params.currency (float (.Params.sale_price | default .Params.price)) -}}
{{- with .Params.sale_price }}{{ $price = printf "%s (was %s)" $price (lang.FormatCurrency 2 site.Params.currency (float $.Params.price)) }}{{ end -}}
{{- $html := printf "<p><img src=\"%s\" alt=\"%s\"></p><p><strong>%s</strong> · %s</p><p>%s</p>" ($r.src | absURL) (.Title | htmlEscape) $price (cond (eq .Params.availability "in_stock") "In stock" "Sold out") ($summary | htmlEscape) -}}
{{- $tags := slice }}{{ range .GetTerms "collections" }}{{ $tags = $tags | append .LinkTitle }}{{ end -}}
{{- return dict "summary" $summary "html" $html "image" $r.large "tags" $tags -}}"""

EQ_JSONFEED = r"""{{- $items := slice -}}
{{- range first 50 (site.GetPage "/products").RegularPages -}}
{{- $entry := partialCached "feed-entry.html" . .Path -}}
{{- $items = $items | append (dict "id" .Permalink "url" .Permalink "title" .Title "content_html" $entry.html "summary" $entry.summary "image" $entry.image "date_published" (.Date.Format "2006-01-02T15:04:05Z") "tags" $entry.tags) -}}
{{- end -}}
{{- dict "version" "https://jsonfeed.org/version/1.1" "title" (printf "New arrivals at %s" site.Title) "home_page_url" site.Home.Permalink "feed_url" .Permalink "description" site.Params.description "language" site.Language.Locale "authors" (slice (dict "name" site.Params.seller.legal_name "url" site.Home.Permalink)) "items" $items | jsonify (dict "indent" "  ") }}
"""

# Every page with its pictures (Google's image extension) and videos, every listing page and every video page.
EQ_SITEMAP = r"""{{ printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">
{{- range where .Pages "Sitemap.Disable" "ne" true }}{{ if .Permalink }}{{ $page := . }}
  <url>
    <loc>{{ .Permalink }}</loc>
{{- if and .IsPage (not .Lastmod.IsZero) }}
    <lastmod>{{ .Lastmod.Format "2006-01-02" }}</lastmod>
{{- end }}
{{- if eq .Section "products" }}{{ if .IsPage }}
{{- range .Params.images }}
    <image:image>
      <image:loc>{{ (partialCached "renditions.html" . .).large }}</image:loc>
    </image:image>
{{- end }}
{{- range .Params.videos }}
    <video:video>
      <video:thumbnail_loc>{{ (partialCached "renditions.html" .thumbnail .thumbnail).large }}</video:thumbnail_loc>
      <video:title>{{ .title | default $page.Title }}</video:title>
      <video:description>{{ (partialCached "product-facts.html" $page $page.Path).text | truncate 2048 "…" | default $page.Title }}</video:description>
      <video:content_loc>{{ .url | absURL }}</video:content_loc>
      <video:duration>{{ .duration_seconds }}</video:duration>
    </video:video>
{{- end }}{{ end }}{{ end }}
  </url>
{{- with .OutputFormats.Get "player" }}
  <url>
    <loc>{{ strings.TrimSuffix "index.html" .Permalink }}</loc>
  </url>
{{- end }}
{{- if and (or (eq .Kind "term") (eq .Kind "section")) (gt (len .Pages) 24) }}
{{- range seq 2 (math.Ceil (div (float (len .Pages)) 24)) }}
  <url>
    <loc>{{ $page.Permalink }}page/{{ . }}/</loc>
  </url>
{{- end }}
{{- end }}
{{- end }}{{ end }}
</urlset>
"""

EQ_ROBOTS = """User-agent: *
Allow: /

Sitemap: {{ "sitemap.xml" | absURL }}
"""


EQ_LAYOUTS = {
    "_default/baseof.html": EQ_BASEOF, "_default/single.html": EQ_PAGE, "_default/contact.html": EQ_CONTACT,
    "_default/term.html": EQ_LISTING_PAGE, "products/list.html": EQ_LISTING_PAGE,
    "products/single.html": EQ_PRODUCT, "products/single.listing.json": EQ_LISTING_JSON,
    "products/single.captions.vtt": EQ_LISTING_VTT, "products/single.player.html": EQ_PLAYER,
    "variants/single.html": EQ_VARIANT,
    "home.html": EQ_HOME, "home.merchant.xml": EQ_MERCHANT, "home.metacsv.csv": EQ_META,
    "home.atom.atom": EQ_ATOM, "home.jsonfeed.json": EQ_JSONFEED,
    "404.html": EQ_404, "_default/sitemap.xml": EQ_SITEMAP, "robots.txt": EQ_ROBOTS,
    "partials/feed-links.html": EQ_FEED_LINKS, "partials/header.html": EQ_HEADER, "partials/footer.html": EQ_FOOTER,
    "partials/seller-address.html": EQ_SELLER_ADDRESS, "partials/policy-facts.html": EQ_POLICY_FACTS,
    "partials/renditions.html": EQ_RENDITIONS, "partials/picture.html": EQ_PICTURE, "partials/price.html": EQ_PRICE,
    "partials/card.html": EQ_CARD, "partials/breadcrumbs.html": EQ_BREADCRUMBS,
    "partials/offer-policies.html": EQ_OFFER_POLICIES, "partials/item-ld.html": EQ_ITEM_LD,
    "partials/option-groups.html": EQ_OPTION_GROUPS, "partials/gallery.html": EQ_GALLERY,
    "partials/order-note.html": EQ_ORDER_NOTE, "partials/authenticity.html": EQ_AUTHENTICITY,
    "partials/videos.html": EQ_VIDEOS, "partials/variant-table.html": EQ_VARIANT_TABLE, "partials/found-in.html": EQ_FOUND_IN,
    "partials/product-meta.html": EQ_PRODUCT_META, "partials/listing.html": EQ_LISTING, "partials/vtt-time.html": EQ_VTT_TIME,
    "partials/facets.html": EQ_FACETS, "partials/product-facts.html": EQ_PRODUCT_FACTS, "partials/pagination.html": EQ_PAGINATION, "partials/feed-entry.html": EQ_FEED_ENTRY,
}


def equal_config(site, image_cache):
    """hugo.json of the equal-work site: the feeds as the home page's output formats, the video listing (manifest,
    captions, player page) as each product page's, the store's settings as params."""
    plain = lambda media, base, **more: dict(mediaType=media, baseName=base, isPlainText=True, notAlternative=True, **more)
    return {
        "baseURL": site["url"].rstrip("/") + "/", "locale": site.get("language", "en"), "title": site["name"],
        "disableKinds": ["taxonomy", "rss"], "enableRobotsTXT": True, "buildFuture": True,
        "pagination": {"pagerSize": 24, "disableAliases": True},
        "taxonomies": {"collection": "collections"},
        "related": {"includeNewer": True, "threshold": 20, "toLower": False,
                    "indices": [{"name": "collections", "weight": 100}, {"name": "tags", "weight": 50}]},
        "mediaTypes": {"text/csv": {"suffixes": ["csv"]}, "text/vtt": {"suffixes": ["vtt"]},
                       "application/atom+xml": {"suffixes": ["atom"]}, "application/feed+json": {"suffixes": ["json"]}},
        "outputFormats": {
            "merchant": plain("application/rss+xml", "feeds/google-merchant"),
            "metacsv": plain("text/csv", "feeds/meta-catalog"),
            "atom": plain("application/atom+xml", "feeds/new-arrivals"),
            "jsonfeed": plain("application/feed+json", "feeds/new-arrivals"),
            "listing": plain("application/json", "listing"),
            "captions": plain("text/vtt", "listing"),
            "player": {"mediaType": "text/html", "baseName": "video/index", "isHTML": True, "notAlternative": True, "permalinkable": False},
        },
        "outputs": {"home": ["html", "merchant", "metacsv", "atom", "jsonfeed"], "section": ["html"], "term": ["html"], "page": ["html"]},
        "markup": {"goldmark": {"renderer": {"unsafe": False}}},
        "imaging": {"resampleFilter": "lanczos"},
        "caches": {"images": {"dir": image_cache, "maxAge": -1}},
        "params": dict(site, widths=[360, 720, 1080, 1440, 2160]),
    }


def write_json_page(path, fields, body=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(json.dumps(fields, ensure_ascii=False, indent=1) + "\n\n" + body)


def equal_work(args, content, site, catalog):
    """The same store as a Hugo site doing Showroom's work (see the module's docstring)."""
    layouts = os.path.join(args.out, "layouts")
    for name, text in EQ_LAYOUTS.items():
        os.makedirs(os.path.dirname(os.path.join(layouts, name)), exist_ok=True)
        with open(os.path.join(layouts, name), "w") as f:
            f.write(text)
    with open(os.path.join(args.out, "hugo.json"), "w") as f:
        json.dump(equal_config(site, args.image_cache), f, indent=1, ensure_ascii=False)
    # The theme's stylesheet and scripts (fingerprinted by Hugo), the pictures as assets (resized by Hugo) and as they
    # are (/media/, like Showroom), the listing's JSON Schema.
    shutil.copytree(os.path.join(ROOT, "Themes", "default", "assets"), os.path.join(args.out, "assets", "assets"))
    shutil.copytree(os.path.join(content, "media"), os.path.join(args.out, "assets", "media"))
    shutil.copytree(os.path.join(content, "media"), os.path.join(args.out, "static", "media"))
    os.makedirs(os.path.join(args.out, "static", "schemas"))
    shutil.copy(os.path.join(ROOT, "Schemas", "video-listing-1.schema.json"), os.path.join(args.out, "static", "schemas"))

    out = os.path.join(args.out, "content")
    write_json_page(os.path.join(out, "_index.md"), {"title": site["name"]})
    write_json_page(os.path.join(out, "products", "_index.md"), {
        "title": "All products", "url": "/collections/all/",
        "cascade": [{"outputs": ["html", "listing", "captions", "player"], "target": {"kind": "page"}}]})
    write_json_page(os.path.join(out, "variants", "_index.md"), {"title": "Variants", "build": {"render": "never", "list": "local"}})
    for slug in sorted({slug for product in catalog["products"] for slug in product.get("collections", [])}):
        write_json_page(os.path.join(out, "collections", slug, "_index.md"), {"title": slug.replace("-", " ").title()})
    pages = os.path.join(content, "pages")
    for name in sorted(os.listdir(pages)) if os.path.isdir(pages) else []:
        if name.endswith(".md") and name != "contact.md":
            shutil.copy(os.path.join(pages, name), os.path.join(out, name))
    write_json_page(os.path.join(out, "contact.md"), {"title": "Contact", "layout": "contact"})

    for product in catalog["products"]:
        handle = product["handle"]
        body, summary, highlights = read_write_up(content, handle)
        variants = [dict(sku=v["sku"], slug=v["sku"].lower(), gtin=v.get("gtin"), options=v.get("options", {}),
                         label=" / ".join(v.get("options", {}).values())) for v in product.get("variants", [])]
        fields = {key: product[key] for key in ("title", "handle", "brand", "price", "sale_price", "gtin", "images", "tags",
                                                "google_product_category", "videos") if key in product}
        fields.update(date=product.get("published", "2026-01-01"), collections=product.get("collections", []),
                      availability=product.get("availability", "in_stock"), variants=variants)
        if summary:
            fields["summary"] = summary
        if highlights:
            fields["highlights"] = highlights
        write_json_page(os.path.join(out, "products", handle + ".md"), fields, body)
        # A page per variant, as Hugo content: its own price, availability, options and identifiers.
        for variant in variants:
            page = dict(title=f"{product['title']} – {variant['label']}", product=handle, sku=variant["sku"], gtin=variant["gtin"],
                        options=variant["options"], label=variant["label"], price=product["price"], images=product.get("images", []),
                        availability=fields["availability"], date=fields["date"], url=f"/products/{handle}/variants/{variant['slug']}/")
            if "sale_price" in product:
                page["sale_price"] = product["sale_price"]
            if summary:
                page["description"] = summary
            write_json_page(os.path.join(out, "variants", variant["slug"] + ".md"), page)


def read_write_up(content, handle):
    """A product's write-up: (Markdown body, summary, highlights) from its front matter."""
    body, summary, highlights = "", None, None
    path = os.path.join(content, "products", handle + ".md")
    if os.path.exists(path):
        text = open(path).read()
        if text.startswith("---\n"):
            head, body = text[4:].split("\n---\n", 1)
            for line in head.splitlines():
                if line.startswith("summary: "):
                    summary = line[len("summary: "):]
                elif line.startswith("highlights: [") and line.endswith("]"):
                    highlights = [item.strip() for item in line[len("highlights: ["):-1].split(",")]
        else:
            body = text
    return body, summary, highlights


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--equal-work", action="store_true",
                        help="a site that makes Hugo do the work Showroom does (variant pages, feeds, video listings…), not the minimal one")
    parser.add_argument("--image-cache", default=":resourceDir/_gen", metavar="DIR",
                        help="with --equal-work: where Hugo keeps the resized pictures between builds (the benchmark shares one "
                             "folder between its sites, as they show the same pictures); default: the site's resources/_gen")
    args = parser.parse_args()
    content = os.path.join(args.store, "Content")
    site = json.load(open(os.path.join(content, "site.json")))
    catalog = json.load(open(os.path.join(content, "catalog.json")))
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    if args.equal_work:
        return equal_work(args, content, site, catalog)
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
