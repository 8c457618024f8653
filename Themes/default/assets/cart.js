/* Showroom default theme: the cart, kept in this browser (localStorage) and checked out through the
   store's provider (Shopify cart permalink or an email order request; Snipcart brings its own cart).
   Prices and availability always come from the current build's price index (/cart/items.json and its
   shards), never from what the browser stored. Everything is written as text (textContent, attributes):
   nothing stored or typed is ever parsed as HTML. Every word a shopper reads comes from the templates. */
(function () {
  "use strict";
  var STORAGE_KEY = "showroom-cart";
  var MAX_QUANTITY = 99;

  function clampQuantity(value) {
    var number = parseInt(value, 10);
    if (!isFinite(number) || number < 1) return 1;
    return Math.min(number, MAX_QUANTITY);
  }

  /* The stored cart, cleaned: known shape only, quantities within 1–99, one line per item. */
  function readCart() {
    var stored;
    try {
      stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}") || {};
    } catch (error) {
      stored = {};
    }
    var lines = [];
    (Array.isArray(stored.lines) ? stored.lines : []).forEach(function (line) {
      if (!line || typeof line.id !== "string" || !line.id) return;
      var existing = lines.filter(function (other) { return other.id === line.id; })[0];
      var quantity = clampQuantity(line.quantity);
      if (existing) {
        existing.quantity = Math.min(existing.quantity + quantity, MAX_QUANTITY);
        return;
      }
      lines.push({
        id: line.id, quantity: quantity, name: typeof line.name === "string" ? line.name : line.id,
        seenPrice: typeof line.seenPrice === "number" ? line.seenPrice : undefined
      });
    });
    return { lines: lines, currency: typeof stored.currency === "string" ? stored.currency : null };
  }

  function writeCart(lines, currency) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ lines: lines, currency: currency }));
    } catch (error) { /* private mode or full storage: the cart lives for this page only */ }
    showCount(lines);
  }

  function showCount(lines) {
    var count = lines.reduce(function (sum, line) { return sum + line.quantity; }, 0);
    document.querySelectorAll("[data-cart-count]").forEach(function (element) {
      element.textContent = String(count);
      element.hidden = count === 0;
    });
    document.querySelectorAll("[data-cart-count-label]").forEach(function (element) { element.hidden = count === 0; });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  /* The same shape as the build's prices in the store's language: symbol or code, and its separators
     (the price index names them when they are not a comma between thousands and a decimal point). */
  function formatMoney(minorUnits, format) {
    var decimals = format.decimals;
    var scale = Math.pow(10, decimals);
    var whole = Math.floor(minorUnits / scale);
    var fraction = String(minorUnits % scale);
    while (fraction.length < decimals) fraction = "0" + fraction;
    var grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, format.group || ",");
    return format.prefix + grouped + (decimals > 0 ? (format.decimal || ".") + fraction : "") + format.suffix;
  }

  function optionsText(item) {
    return (item.options || []).map(function (pair) { return pair[0] + ": " + pair[1]; }).join(", ");
  }

  // Product pages: add to the cart without leaving the page.
  document.querySelectorAll("form[data-add-to-cart]").forEach(function (form) {
    var box = form.parentNode;
    var quantityInput = form.querySelector("input[name=quantity]");
    var status = box.querySelector("[data-buy-status]");
    var added = box.querySelector("[data-buy-added]");
    var buyNow = box.querySelector("[data-buy-now]");
    if (quantityInput && buyNow) {
      quantityInput.addEventListener("input", function () {
        buyNow.href = buyNow.href.replace(/:\d+$/, ":" + clampQuantity(quantityInput.value));
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var id = form.getAttribute("data-buy-sku");
      var quantity = clampQuantity(quantityInput ? quantityInput.value : 1);
      var price = parseInt(form.getAttribute("data-buy-minor-units"), 10);
      var cart = readCart();
      var currency = form.getAttribute("data-buy-currency");
      var existing = cart.lines.filter(function (line) { return line.id === id; })[0];
      if (existing) {
        existing.quantity = Math.min(existing.quantity + quantity, MAX_QUANTITY);
      } else {
        // The name is kept only to say which item went away if the store stops selling it.
        cart.lines.push({ id: id, quantity: quantity, name: form.getAttribute("data-buy-name") || id,
                          seenPrice: isFinite(price) ? price : undefined });
      }
      writeCart(cart.lines, cart.currency || currency);
      if (status && added) {
        // New content in the live region, so every addition is announced, not only the first.
        status.textContent = "";
        var message = added.cloneNode(true);
        message.hidden = false;
        message.removeAttribute("data-buy-added");
        status.appendChild(message);
      }
    });
  });

  // Snipcart's buttons read the quantity from an attribute.
  document.querySelectorAll("[data-snipcart-quantity]").forEach(function (input) {
    var button = input.closest(".buy__form").querySelector(".snipcart-add-item");
    input.addEventListener("input", function () {
      if (button) button.setAttribute("data-item-quantity", String(clampQuantity(input.value)));
    });
  });

  showCount(readCart().lines);
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY) showCount(readCart().lines);
  });

  var cart = document.querySelector("[data-cart]");
  if (!cart) return;

  var notes = cart.querySelector("[data-cart-notes]");
  var empty = cart.querySelector("[data-cart-empty]");
  var body = cart.querySelector("[data-cart-body]");
  var list = cart.querySelector("[data-cart-lines]");
  var subtotalElement = cart.querySelector("[data-cart-subtotal]");
  var checkout = cart.querySelector("[data-cart-checkout]");
  var heading = cart.querySelector("h1");
  var template = cart.querySelector("template[data-cart-line-template]");
  var provider = cart.getAttribute("data-provider");
  var text = function (name) { return cart.getAttribute("data-" + name) || ""; };
  var index = null;
  var lines = [];

  function itemFor(id) {
    return Object.prototype.hasOwnProperty.call(index.items, id) ? index.items[id] : null;
  }

  function note(message) {
    var paragraph = document.createElement("p");
    paragraph.className = "cart__note";
    paragraph.textContent = message;
    notes.appendChild(paragraph);
  }

  function displayName(item) {
    return item.name + (item.options.length ? " (" + optionsText(item) + ")" : "");
  }

  /* Drops what the store no longer sells and re-prices the rest from the price index, saying so. */
  function reconcile(stored) {
    var kept = [];
    var params = new URLSearchParams(window.location.search);
    var addedID = params.get("add");
    if (addedID !== null) {
      // A product page's form sent without its script; an id the store does not sell is ignored.
      window.history.replaceState(null, "", window.location.pathname);
      if (itemFor(addedID) && itemFor(addedID).available) {
        var existing = stored.lines.filter(function (line) { return line.id === addedID; })[0];
        var quantity = clampQuantity(params.get("quantity"));
        if (existing) existing.quantity = Math.min(existing.quantity + quantity, MAX_QUANTITY);
        else stored.lines.push({ id: addedID, quantity: quantity, seenPrice: itemFor(addedID).price });
      }
    }
    // Prices seen in another currency say nothing about today's.
    var sameCurrency = stored.currency === null || stored.currency === index.currency;
    stored.lines.forEach(function (line) {
      var item = itemFor(line.id);
      if (!item) {
        note(fill(text("text-removed"), { name: line.name || line.id }));
        return;
      }
      var name = displayName(item);
      if (!item.available) {
        note(fill(text("text-sold-out"), { name: name }));
        return;
      }
      if (sameCurrency && typeof line.seenPrice === "number" && line.seenPrice !== item.price) {
        note(fill(text("text-repriced"), { name: name, old: formatMoney(line.seenPrice, index.format), "new": item.price_display }));
      }
      kept.push({ id: line.id, quantity: line.quantity, seenPrice: item.price, name: name });
    });
    return kept;  // stored by the first refreshTotals
  }

  function checkoutURL() {
    if (provider === "shopify") {
      return "https://" + cart.getAttribute("data-shopify-store") + "/cart/" + lines.map(function (line) {
        return itemFor(line.id).shopify_variant_id + ":" + line.quantity;
      }).join(",");
    }
    var store = text("store-name");
    var mail = [fill(text("mail-intro"), { store: store }), ""];
    lines.forEach(function (line) {
      var item = itemFor(line.id);
      var options = optionsText(item);
      mail.push(fill(text("mail-line"), {
        quantity: line.quantity, name: item.name, options: options ? " – " + options : "", sku: line.id,
        price: item.price_display, total: formatMoney(item.price * line.quantity, index.format)
      }));
    });
    mail.push("", fill(text("mail-subtotal"), { subtotal: formatMoney(subtotal(), index.format) }), "", text("mail-outro"), "");
    return "mailto:" + encodeURI(cart.getAttribute("data-email")) + "?subject=" + encodeURIComponent(fill(text("mail-subject"), { store: store }))
      + "&body=" + encodeURIComponent(mail.join("\r\n"));
  }

  function subtotal() {
    return lines.reduce(function (sum, line) { return sum + itemFor(line.id).price * line.quantity; }, 0);
  }

  /* What every change of the lines updates: the stored cart, the totals, the checkout link. */
  function refreshTotals() {
    writeCart(lines, index.currency);
    empty.hidden = lines.length > 0;
    body.hidden = lines.length === 0;
    subtotalElement.textContent = formatMoney(subtotal(), index.format);
    if (checkout && lines.length) checkout.href = checkoutURL();
  }

  function buildRow(line) {
    var item = itemFor(line.id);
    var name = displayName(item);
    var row = template.content.firstElementChild.cloneNode(true);
    var field = function (key) { return row.querySelector("[data-field='" + key + "']"); };
    var image = field("image");
    if (item.image) { image.src = item.image; image.alt = item.name; } else { image.remove(); }
    var link = field("name");
    link.textContent = item.name;
    link.href = item.url;
    field("options").textContent = optionsText(item);
    if (!item.options.length) field("options").remove();
    field("sku").textContent = line.id;
    field("unit-price").textContent = item.price_display;
    var input = field("quantity");
    input.setAttribute("aria-label", fill(text("text-quantity"), { name: name }));
    var decrease = row.querySelector("[data-action=decrease]");
    var increase = row.querySelector("[data-action=increase]");
    var remove = row.querySelector("[data-action=remove]");
    decrease.setAttribute("aria-label", fill(text("text-less"), { name: name }));
    increase.setAttribute("aria-label", fill(text("text-more"), { name: name }));
    remove.setAttribute("aria-label", fill(text("text-remove"), { name: name }));

    // Changes update this row in place, so focus stays where the shopper is.
    function show() {
      input.value = String(line.quantity);
      field("line-total").textContent = formatMoney(item.price * line.quantity, index.format);
      decrease.disabled = line.quantity <= 1;
      increase.disabled = line.quantity >= MAX_QUANTITY;
    }
    function change(quantity) {
      line.quantity = quantity;
      show();
      refreshTotals();
    }
    input.addEventListener("change", function () { change(clampQuantity(input.value)); });
    decrease.addEventListener("click", function () { change(Math.max(1, line.quantity - 1)); });
    increase.addEventListener("click", function () { change(Math.min(MAX_QUANTITY, line.quantity + 1)); });
    remove.addEventListener("click", function () {
      var next = row.nextElementSibling || row.previousElementSibling;
      lines = lines.filter(function (other) { return other !== line; });
      row.remove();
      note(fill(text("text-removed-by-you"), { name: name }));
      refreshTotals();
      // Focus moves to the neighbouring line's remove button, or to the heading of an empty cart.
      if (next) next.querySelector("[data-action=remove]").focus();
      else heading.focus();
    });
    show();
    return row;
  }

  /* FNV-1a over the SKU's UTF-8 bytes: the build files each item in shard hash % shards. */
  function shardOf(id, count) {
    var bytes = new TextEncoder().encode(id);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % count;
  }

  function getJSON(url) {
    return fetch(url, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(url + " " + response.status);
      return response.json();
    });
  }

  // The manifest, then only the shards that hold this cart's items.
  var stored = readCart();
  getJSON(cart.getAttribute("data-items-url"))
    .then(function (manifest) {
      var wanted = stored.lines.map(function (line) { return line.id; });
      var added = new URLSearchParams(window.location.search).get("add");
      if (added) wanted.push(added);
      var shards = {};
      wanted.forEach(function (id) { shards[shardOf(id, manifest.shards)] = true; });
      return Promise.all(Object.keys(shards).map(function (shard) { return getJSON(manifest.shard_url + shard + ".json"); }))
        .then(function (parts) {
          manifest.items = {};
          parts.forEach(function (part) { Object.keys(part).forEach(function (id) { manifest.items[id] = part[id]; }); });
          return manifest;
        });
    })
    .then(function (loaded) {
      index = loaded;
      lines = reconcile(stored);
      list.textContent = "";
      lines.forEach(function (line) { list.appendChild(buildRow(line)); });
      refreshTotals();
      cart.setAttribute("data-cart-ready", "");
    })
    .catch(function () {
      note(text("text-failed"));
    });
})();
