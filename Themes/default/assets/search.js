/* Showroom default theme: search and collection filters, from the Pagefind index the build writes
   into /pagefind/. The index is downloaded only when a shopper searches or filters; without this
   script the search page says so and collection pages are the plain paginated grids.

   The URL carries the state (?q=…&color=Moss&availability=in-stock&sort=price-asc), so a filtered
   view can be shared and the back button works. Filter values, sort ranks and result cards come
   from the catalog through the index (README › Search and filters). */
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root || !window.history || !window.URLSearchParams) return;

  var mode = root.getAttribute("data-mode");
  var facetsForm = root.querySelector("[data-facets]");
  var panel = root.querySelector("[data-facets-panel]");
  var activeBadge = root.querySelector("[data-facets-active]");
  var sortSelect = root.querySelector("[data-sort]");
  var statusLine = root.querySelector("[data-search-status]");
  var grid = root.querySelector("[data-search-results]");
  var moreButton = root.querySelector("[data-search-more]");
  var pagesSection = root.querySelector("[data-search-pages-section]");
  var pagesList = root.querySelector("[data-search-pages]");
  var searchForm = root.querySelector("[data-search-form]");
  var input = root.querySelector("[data-search-input]");
  var staticListing = document.querySelector("[data-static-listing]");
  var perPage = 24;
  var language = document.documentElement.lang || "en";
  var numbers = window.Intl ? new Intl.NumberFormat(language) : null;

  var groups = [];
  var groupByKey = {};
  if (facetsForm) {
    Array.prototype.forEach.call(facetsForm.querySelectorAll("[data-facet]"), function (fieldset) {
      var group = { key: fieldset.getAttribute("data-facet"), inStockKey: fieldset.getAttribute("data-in-stock-key"), fieldset: fieldset };
      groups.push(group);
      groupByKey[group.key] = group;
    });
    facetsForm.hidden = false;
  }

  function text(name, values) {
    var template = root.getAttribute("data-text-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (match, key) { return values && key in values ? values[key] : match; });
  }

  function countText(count) {
    if (count === 1 && root.hasAttribute("data-text-count-one")) return text("count-one");
    return text("count", { count: numbers ? numbers.format(count) : String(count) });
  }

  // ---------------------------------------------------------------- state <-> URL and controls

  function readState(search) {
    var params = new URLSearchParams(search);
    var state = { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", filters: {} };
    if (["", "newest", "price-asc", "price-desc"].indexOf(state.sort) < 0) state.sort = "";
    groups.forEach(function (group) {
      var values = params.getAll(group.key).filter(function (value) { return value !== ""; });
      if (values.length) state.filters[group.key] = values;
    });
    return state;
  }

  function stateFromControls() {
    var state = { q: input ? input.value.trim() : current.q, sort: sortSelect ? sortSelect.value : "", filters: {} };
    groups.forEach(function (group) {
      var values = [];
      Array.prototype.forEach.call(group.fieldset.querySelectorAll("input[type=checkbox]"), function (box) {
        if (box.checked) values.push(box.value);
      });
      if (values.length) state.filters[group.key] = values;
    });
    return state;
  }

  // The field keeps what the shopper is typing, except when the URL changes under it (back, forward).
  function showControls(state, fromURL) {
    if (input && (fromURL || document.activeElement !== input)) input.value = state.q;
    if (sortSelect) sortSelect.value = state.sort;
    var active = 0;
    groups.forEach(function (group) {
      var chosen = state.filters[group.key] || [];
      Array.prototype.forEach.call(group.fieldset.querySelectorAll("input[type=checkbox]"), function (box) {
        box.checked = chosen.indexOf(box.value) >= 0;
        if (box.checked) active += 1;
      });
    });
    if (activeBadge) {
      activeBadge.hidden = active === 0;
      activeBadge.textContent = active ? String(active) : "";
    }
  }

  function urlFor(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    groups.forEach(function (group) {
      (state.filters[group.key] || []).forEach(function (value) { params.append(group.key, value); });
    });
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function hasFilters(state) { return Object.keys(state.filters).length > 0; }

  // ---------------------------------------------------------------- the index

  var loading = null;
  function loadIndex() {
    if (!loading) {
      loading = import(root.getAttribute("data-bundle") + "pagefind.js").then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: root.getAttribute("data-base") || "/", excerptLength: 16 }))
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // The filter indexes, which make each search also count the results of every value: loaded only once
  // the shopper filters or opens the panel, so a plain search does not download them.
  var filterIndexes = null;
  function wantsCounts(state) { return hasFilters(state) || (panel && panel.open); }
  function loadFilters(pagefind) {
    if (!filterIndexes) {
      filterIndexes = Promise.resolve(pagefind.filters());
      filterIndexes.catch(function () { filterIndexes = null; });
    }
    return filterIndexes;
  }

  // "In stock" with an option value means a variant with that value is in stock: the index files
  // each product's in-stock option values under a key of their own.
  function indexFilters(state, leaveOut) {
    var inStock = !!state.filters.availability && leaveOut !== "availability";
    var filters = {};
    if (mode === "collection" && root.getAttribute("data-collection")) filters.collection = root.getAttribute("data-collection");
    Object.keys(state.filters).forEach(function (key) {
      if (key === leaveOut) return;
      var group = groupByKey[key];
      filters[inStock && group.inStockKey ? group.inStockKey : key] = { any: state.filters[key] };
    });
    return filters;
  }

  function indexKey(state, group) {
    return state.filters.availability && group.inStockKey ? group.inStockKey : group.key;
  }

  function indexSort(state) {
    if (state.sort === "newest") return { newest: "asc" };
    if (state.sort === "price-asc") return { price: "asc" };
    if (state.sort === "price-desc") return { price: "desc" };
    if (mode === "collection" || !state.q) {
      var featured = (root.getAttribute("data-featured-sort") || "newest:asc").split(":");
      var sort = {};
      sort[featured[0]] = featured[1];
      return sort;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- misspelt words

  // Pagefind matches words and their beginnings exactly. When a search finds nothing, each word that
  // begins no word of the catalog (titles, brands, options, collections: /search/words.json) is
  // replaced by the closest that does, within one typo (two for long words), and the search runs again.
  var vocabulary = null;
  function loadVocabulary() {
    if (!vocabulary) {
      vocabulary = fetch(root.getAttribute("data-words")).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      });
      vocabulary.catch(function () { vocabulary = null; });
    }
    return vocabulary;
  }

  // Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = null, previous = [], row;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
        if (previous2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) value = Math.min(value, previous2[k - 2] + 1);
        row.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // For a word it cannot find, Pagefind falls back to shorter and shorter beginnings of it, down to a
  // single letter: results whose marked words do not begin with the shopper's word are no match.
  function unmatchedTerms(query, entries) {
    var marked = [];
    entries.forEach(function (entry) {
      String(entry.excerpt || "").replace(/<mark>(.*?)<\/mark>/g, function (match, word) {
        marked.push(fold(word).replace(/[^\p{L}\p{N}]+/gu, ""));
        return match;
      });
    });
    return fold(query).split(/\s+/).filter(function (term) {
      return term.length >= 4 && !marked.some(function (word) {
        return word.indexOf(term) === 0 || (term.indexOf(word) === 0 && word.length >= term.length - 1);
      });
    });
  }

  function corrected(query, words, unmatched) {
    var changed = false;
    var terms = fold(query).split(/\s+/).filter(Boolean).map(function (term) {
      if (unmatched.indexOf(term) < 0) return term;
      var limit = term.length >= 8 ? 2 : 1;
      var best = null, bestDistance = limit + 1;
      words.forEach(function (word) {
        // The whole word, or its beginning as long as the term (a misspelt prefix).
        var d = Math.min(distance(term, word, limit), distance(term, word.slice(0, term.length), limit));
        if (d < bestDistance) { best = word; bestDistance = d; }
      });
      if (best === null) return term;
      changed = true;
      return best;
    });
    return changed ? terms.join(" ") : null;
  }

  // ---------------------------------------------------------------- showing results

  var current = readState(window.location.search);
  var shown = [];
  var shownCount = 0;
  var generation = 0;

  function escapeHTML(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Pagefind marks the matched words with <mark>; everything else of the excerpt is text.
  function excerptHTML(excerpt) {
    return String(excerpt || "").split(/(<mark>|<\/mark>)/).map(function (part) {
      return part === "<mark>" || part === "</mark>" ? part : escapeHTML(part);
    }).join("");
  }

  // The picture's URL and size, written as one word the index cannot match (SearchCatalog.pictureToken).
  function picture(token) {
    if (!token) return null;
    var parts = decodeURIComponent(token.replace(/_([0-9a-f]{2})/g, "%$1")).split(" ");
    return { url: parts[0], width: parts[1], height: parts[2] };
  }

  // A result as the theme's product card (templates/partials/product-card.mustache) shows a product.
  function resultCard(url, meta) {
    var has = function (key) { return Object.prototype.hasOwnProperty.call(meta, key); };
    var item = document.createElement("li");
    item.className = "card" + (has("availability_out_of_stock") ? " card--sold-out" : "");
    var media = '<div class="card__media">';
    var shown = picture(meta.picture);
    if (shown) {
      media += '<img class="card__image" src="' + escapeHTML(shown.url) + '" alt="' + escapeHTML(meta.title || "") + '"'
        + (shown.width > 0 ? ' width="' + escapeHTML(shown.width) + '" height="' + escapeHTML(shown.height) + '"' : "") + ' loading="lazy" decoding="async">';
    } else {
      media += '<div class="card__placeholder" aria-hidden="true"></div>';
    }
    if (meta.badge) {
      var code = ["out_of_stock", "preorder", "backorder", "in_stock"].filter(function (c) { return has("availability_" + c); })[0] || "in_stock";
      media += '<span class="badge" data-availability="' + code + '"' + (has("price_regular") ? ' data-sale=""' : "") + ">" + escapeHTML(meta.badge) + "</span>";
    }
    media += "</div>";
    var price = '<p class="price' + (has("price_regular") ? " price--sale" : "") + '">'
      + (has("from") ? '<span class="price__from">' + escapeHTML(root.getAttribute("data-text-from") || "") + "</span> " : "")
      + '<span class="price__current">' + escapeHTML(meta.price || "") + "</span>"
      + (has("price_regular") ? ' <s class="price__regular">' + escapeHTML(meta.price_regular) + "</s>" : "") + "</p>";
    item.innerHTML = '<a class="card__link" href="' + escapeHTML(url) + '">' + media + '<div class="card__body">'
      + (meta.brand ? '<p class="card__brand">' + escapeHTML(meta.brand) + "</p>" : "")
      + '<h3 class="card__title">' + escapeHTML(meta.title || "") + "</h3>" + price
      + (meta.availability ? '<p class="card__availability">' + escapeHTML(meta.availability) + "</p>" : "")
      + "</div></a>";
    return item;
  }

  function showStaticListing(visible) {
    if (staticListing) staticListing.hidden = !visible;
    if (grid) grid.hidden = visible;
  }

  function renderMore(state) {
    var slice = shown.slice(shownCount, shownCount + perPage);
    shownCount += slice.length;
    if (moreButton) moreButton.hidden = shownCount >= shown.length;
    var my = generation;
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (entries) {
      if (my !== generation) return;
      entries.forEach(function (entry) {
        var meta = entry.meta || {};
        if (meta.kind === "page") {
          if (!pagesList) return;
          var item = document.createElement("li");
          item.className = "search__page";
          item.innerHTML = '<a class="search__page-link" href="' + escapeHTML(entry.url) + '">' + escapeHTML(meta.title || entry.url) + "</a>"
            + (state.q ? '<p class="search__excerpt">' + excerptHTML(entry.excerpt) + "</p>" : "");
          pagesList.appendChild(item);
          if (pagesSection) pagesSection.hidden = false;
          return;
        }
        var card = resultCard(entry.url, meta);
        if (state.q && entry.excerpt) {
          var excerpt = document.createElement("p");
          excerpt.className = "card__excerpt";
          excerpt.innerHTML = excerptHTML(entry.excerpt);
          card.querySelector(".card__body").appendChild(excerpt);
        }
        grid.appendChild(card);
      });
    });
  }

  function updateCounts(pagefind, state, search) {
    var term = state.q || null;
    return Promise.all(groups.map(function (group) {
      // A chosen group's own counts are what each value would give instead: the search without it.
      if (!state.filters[group.key]) return Promise.resolve({ group: group, counts: (search.filters || {})[indexKey(state, group)] || {} });
      return pagefind.search(term, { filters: indexFilters(state, group.key) }).then(function (other) {
        var key = group.key === "availability" ? "availability" : indexKey(state, group);
        return { group: group, counts: (other && other.filters || {})[key] || {} };
      });
    })).then(function (all) {
      all.forEach(function (entry) {
        var boxes = entry.group.fieldset.querySelectorAll("input[type=checkbox]");
        var visible = 0;
        Array.prototype.forEach.call(boxes, function (box) {
          // A one-value group that is chosen ("in stock", "on sale") counts what the shopper sees.
          var count = boxes.length === 1 && box.checked ? search.results.length : entry.counts[box.value] || 0;
          var label = box.closest("label");
          var badge = label && label.querySelector("[data-count]");
          if (badge) badge.textContent = numbers ? numbers.format(count) : String(count);
          // Values nothing would match are left out while the list is narrowed, as hosted stores do.
          var item = box.closest("li");
          if (item) item.hidden = count === 0 && !box.checked;
          if (!item || !item.hidden) visible += 1;
        });
        entry.group.fieldset.hidden = visible === 0;
      });
    });
  }

  var initialCounts = null;
  function rememberInitialCounts() {
    initialCounts = Array.prototype.map.call(root.querySelectorAll("[data-count]"), function (badge) { return badge.textContent; });
  }
  function restoreInitialCounts() {
    if (!initialCounts) return;
    Array.prototype.forEach.call(root.querySelectorAll("[data-count]"), function (badge, index) { badge.textContent = initialCounts[index]; });
    Array.prototype.forEach.call(root.querySelectorAll(".facets__values > li[hidden], [data-facet][hidden]"), function (item) { item.hidden = false; });
  }
  rememberInitialCounts();

  function clearResults() {
    generation += 1;
    shown = [];
    shownCount = 0;
    if (grid) grid.innerHTML = "";
    if (pagesList) pagesList.innerHTML = "";
    if (pagesSection) pagesSection.hidden = true;
    if (moreButton) moreButton.hidden = true;
  }

  function run(state, fromURL) {
    current = state;
    showControls(state, fromURL);
    // Nothing chosen on a collection: the page's own grid, in its own order, with no download.
    if (mode === "collection" && !hasFilters(state) && !state.sort) {
      clearResults();
      showStaticListing(true);
      restoreInitialCounts();
      if (statusLine) statusLine.textContent = "";
      return Promise.resolve();
    }
    if (mode === "search" && !state.q && !hasFilters(state)) {
      clearResults();
      restoreInitialCounts();
      if (statusLine) statusLine.textContent = text("prompt");
      return Promise.resolve();
    }
    var my = ++generation;
    root.setAttribute("aria-busy", "true");
    var counting = wantsCounts(state);
    return loadIndex().then(function (pagefind) {
      return counting ? loadFilters(pagefind).then(function () { return pagefind; }) : pagefind;
    }).then(function (pagefind) {
      var options = { filters: indexFilters(state), sort: indexSort(state) };
      return pagefind.search(state.q || null, options).then(function (search) {
        if (!search || !state.q || !root.getAttribute("data-words")) return { search: search, state: state };
        return Promise.all(search.results.slice(0, 5).map(function (result) { return result.data(); })).then(function (entries) {
          var unmatched = unmatchedTerms(state.q, entries);
          if (!unmatched.length) return { search: search, state: state };
          return loadVocabulary().then(function (words) {
            var query = corrected(state.q, words, unmatched);
            if (!query) return { search: search, state: state };
            var retry = { q: query, sort: state.sort, filters: state.filters };
            return pagefind.search(query, options).then(function (again) {
              return again && again.results.length ? { search: again, state: retry, corrected: query } : { search: search, state: state };
            });
          }, function () { return { search: search, state: state }; });
        });
      }).then(function (found) {
        var search = found.search;
        if (my !== generation || !search) return;
        clearResults();
        my = generation;
        shown = search.results;
        showStaticListing(false);
        var line = shown.length ? countText(shown.length) : text("none");
        if (found.corrected) line = text("corrected", { query: found.corrected }) + " " + line;
        if (statusLine) statusLine.textContent = line;
        return Promise.all([renderMore(found.state), counting ? updateCounts(pagefind, found.state, search) : null]);
      });
    }).catch(function () {
      if (statusLine) statusLine.textContent = text("failed");
      showStaticListing(true);
    }).then(function () {
      if (my === generation) root.removeAttribute("aria-busy");
    });
  }

  function change(push) {
    var state = stateFromControls();
    var url = urlFor(state);
    if (url !== window.location.pathname + window.location.search) {
      if (push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
    return run(state);
  }

  if (facetsForm) {
    facetsForm.addEventListener("change", function () { change(true); });
    facetsForm.addEventListener("submit", function (event) { event.preventDefault(); change(true); });
  }
  var clearButton = root.querySelector("[data-facets-clear]");
  if (clearButton) clearButton.addEventListener("click", function () {
    groups.forEach(function (group) {
      Array.prototype.forEach.call(group.fieldset.querySelectorAll("input[type=checkbox]"), function (box) { box.checked = false; });
    });
    if (sortSelect) sortSelect.value = "";
    change(true);
  });
  if (moreButton) moreButton.addEventListener("click", function () { renderMore(current); });
  // The open panel can push the results off the screen: this closes it and shows them.
  // Opening the panel during a search brings the counts for that search.
  if (panel) panel.addEventListener("toggle", function () {
    if (panel.open && (current.q || hasFilters(current) || current.sort) && !filterIndexes) run(current);
  });
  var applyButton = root.querySelector("[data-facets-apply]");
  if (applyButton && panel) applyButton.addEventListener("click", function () {
    panel.open = false;
    if (statusLine) statusLine.scrollIntoView({ block: "start" });
  });

  if (searchForm && input) {
    var typing = null;
    searchForm.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typing);
      change(true);
    });
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(function () { change(false); }, 250);
    });
    // The header's search box sends shoppers here; their words are already in the field.
    if (!current.q) input.focus();
  }

  window.addEventListener("popstate", function () { run(readState(window.location.search), true); });
  run(current);
})();
