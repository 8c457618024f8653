/* Showroom default theme: the cart, kept in this browser (localStorage) and checked out through the
   store's provider (Shopify cart permalink or an email order request; Snipcart brings its own cart).
   Prices and availability always come from the current build's price index (/cart/items.json), never
   from what the browser stored. Everything is written with textContent: nothing stored is ever HTML. */
(function () {
  "use strict";
  var STORAGE_KEY = "showroom-cart";
  var MAX_QUANTITY = 99;

  function readCart() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}");
      var lines = Array.isArray(stored.lines) ? stored.lines : [];
      return lines.filter(function (line) {
        return line && typeof line.id === "string" && Number.isInteger(line.quantity) && line.quantity > 0;
      });
    } catch (error) {
      return [];
    }
  }

  function writeCart(lines) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ lines: lines }));
    } catch (error) { /* private mode or full storage: the cart lives for this page only */ }
    showCount(lines);
  }

  function clampQuantity(value) {
    var number = parseInt(value, 10);
    if (!isFinite(number) || number < 1) return 1;
    return Math.min(number, MAX_QUANTITY);
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

  /* The same shape as the build's Money.displayString: symbol or code, commas between thousands. */
  function formatMoney(minorUnits, format) {
    var decimals = format.decimals;
    var scale = Math.pow(10, decimals);
    var whole = Math.floor(minorUnits / scale);
    var fraction = String(minorUnits % scale);
    while (fraction.length < decimals) fraction = "0" + fraction;
    var grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return format.prefix + grouped + (decimals > 0 ? "." + fraction : "") + format.suffix;
  }

  function optionsText(item) {
    return (item.options || []).map(function (pair) { return pair[0] + ": " + pair[1]; }).join(", ");
  }

  // Product pages: add to the cart without leaving the page.
  document.querySelectorAll("form[data-add-to-cart]").forEach(function (form) {
    var quantityInput = form.querySelector("input[name=quantity]");
    var added = form.parentNode.querySelector("[data-buy-added]");
    var buyNow = form.parentNode.querySelector("[data-buy-now]");
    function syncBuyNow() {
      if (!buyNow || !quantityInput) return;
      buyNow.href = buyNow.href.replace(/:\d+$/, ":" + clampQuantity(quantityInput.value));
    }
    if (quantityInput) quantityInput.addEventListener("input", syncBuyNow);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var id = form.getAttribute("data-buy-sku");
      var quantity = clampQuantity(quantityInput ? quantityInput.value : 1);
      var price = parseInt(form.getAttribute("data-buy-minor-units"), 10);
      var lines = readCart();
      var existing = lines.filter(function (line) { return line.id === id; })[0];
      if (existing) {
        existing.quantity = Math.min(existing.quantity + quantity, MAX_QUANTITY);
      } else {
        // The name is kept only to say which item went away if the store stops selling it.
        lines.push({ id: id, quantity: quantity, seenPrice: isFinite(price) ? price : undefined, name: form.getAttribute("data-buy-name") || id });
      }
      writeCart(lines);
      if (added) added.hidden = false;
    });
  });

  // Snipcart's buttons read the quantity from an attribute.
  document.querySelectorAll("[data-snipcart-quantity]").forEach(function (input) {
    var button = input.closest(".buy__form").querySelector(".snipcart-add-item");
    input.addEventListener("input", function () {
      if (button) button.setAttribute("data-item-quantity", String(clampQuantity(input.value)));
    });
  });

  showCount(readCart());

  var cart = document.querySelector("[data-cart]");
  if (!cart) return;

  var notes = cart.querySelector("[data-cart-notes]");
  var empty = cart.querySelector("[data-cart-empty]");
  var body = cart.querySelector("[data-cart-body]");
  var list = cart.querySelector("[data-cart-lines]");
  var subtotalElement = cart.querySelector("[data-cart-subtotal]");
  var checkout = cart.querySelector("[data-cart-checkout]");
  var template = cart.querySelector("template[data-cart-line-template]");
  var provider = cart.getAttribute("data-provider");
  var text = function (name) { return cart.getAttribute("data-" + name) || ""; };
  var index = null;

  function note(message) {
    var paragraph = document.createElement("p");
    paragraph.className = "cart__note";
    paragraph.textContent = message;
    notes.appendChild(paragraph);
  }

  /* Drops what the store no longer sells and re-prices the rest from the price index, saying so. */
  function reconcile(lines) {
    var kept = [];
    var changed = false;
    var params = new URLSearchParams(window.location.search);
    if (params.get("add")) {
      // A product page's form sent without its script: add the line here.
      var id = params.get("add");
      var quantity = clampQuantity(params.get("quantity"));
      var existing = lines.filter(function (line) { return line.id === id; })[0];
      if (existing) existing.quantity = Math.min(existing.quantity + quantity, MAX_QUANTITY);
      else lines.push({ id: id, quantity: quantity });
      changed = true;
      window.history.replaceState(null, "", window.location.pathname);
    }
    lines.forEach(function (line) {
      var item = index.items[line.id];
      var name = item ? item.name + (item.options.length ? " (" + optionsText(item) + ")" : "") : String(line.name || line.id);
      if (!item) {
        note(fill(text("text-removed"), { name: name }));
        changed = true;
        return;
      }
      if (!item.available) {
        note(fill(text("text-sold-out"), { name: name }));
        changed = true;
        return;
      }
      if (typeof line.seenPrice === "number" && line.seenPrice !== item.price) {
        note(fill(text("text-repriced"), { name: name, old: formatMoney(line.seenPrice, index.format), "new": item.price_display }));
      }
      if (line.seenPrice !== item.price) changed = true;
      kept.push({ id: line.id, quantity: Math.min(line.quantity, MAX_QUANTITY), seenPrice: item.price, name: name });
    });
    if (changed) writeCart(kept);
    return kept;
  }

  function checkoutURL(lines) {
    if (provider === "shopify") {
      var store = cart.getAttribute("data-shopify-store");
      return "https://" + store + "/cart/" + lines.map(function (line) {
        return index.items[line.id].shopify_variant_id + ":" + line.quantity;
      }).join(",");
    }
    var store = text("store-name");
    var subtotal = 0;
    var body = [fill(text("mail-intro"), { store: store }), ""];
    lines.forEach(function (line) {
      var item = index.items[line.id];
      var options = optionsText(item);
      subtotal += item.price * line.quantity;
      body.push(fill(text("mail-line"), {
        quantity: line.quantity, name: item.name, options: options ? " – " + options : "", sku: line.id,
        price: item.price_display, total: formatMoney(item.price * line.quantity, index.format)
      }));
    });
    body.push("", fill(text("mail-subtotal"), { subtotal: formatMoney(subtotal, index.format) }), "", text("mail-outro"), "");
    return "mailto:" + cart.getAttribute("data-email") + "?subject=" + encodeURIComponent(fill(text("mail-subject"), { store: store }))
      + "&body=" + encodeURIComponent(body.join("\r\n"));
  }

  function render(lines) {
    list.textContent = "";
    empty.hidden = lines.length > 0;
    body.hidden = lines.length === 0;
    var subtotal = 0;
    lines.forEach(function (line) {
      var item = index.items[line.id];
      var name = item.name;
      var options = optionsText(item);
      subtotal += item.price * line.quantity;
      var row = template.content.firstElementChild.cloneNode(true);
      row.setAttribute("data-line", line.id);
      var field = function (name) { return row.querySelector("[data-field='" + name + "']"); };
      var image = field("image");
      if (item.image) { image.src = item.image; image.alt = name; } else { image.remove(); }
      var link = field("name");
      link.textContent = name;
      link.href = item.url;
      field("options").textContent = options;
      if (!options) field("options").remove();
      field("sku").textContent = line.id;
      field("unit-price").textContent = item.price_display;
      field("line-total").textContent = formatMoney(item.price * line.quantity, index.format);
      var input = field("quantity");
      input.value = String(line.quantity);
      input.setAttribute("aria-label", fill(text("text-quantity"), { name: name }));
      input.addEventListener("change", function () { update(line.id, clampQuantity(input.value)); });
      row.querySelector("[data-action=decrease]").addEventListener("click", function () { update(line.id, Math.max(1, line.quantity - 1)); });
      row.querySelector("[data-action=increase]").addEventListener("click", function () { update(line.id, Math.min(MAX_QUANTITY, line.quantity + 1)); });
      var remove = row.querySelector("[data-action=remove]");
      remove.setAttribute("aria-label", fill(text("text-remove"), { name: name }));
      remove.addEventListener("click", function () { update(line.id, 0); });
      list.appendChild(row);
    });
    subtotalElement.textContent = formatMoney(subtotal, index.format);
    if (checkout && lines.length) checkout.href = checkoutURL(lines);
  }

  function update(id, quantity) {
    var lines = readCart().filter(function (line) { return index.items[line.id]; });
    lines = lines.map(function (line) { return line.id === id ? { id: id, quantity: quantity, seenPrice: line.seenPrice, name: line.name } : line; })
      .filter(function (line) { return line.quantity > 0; });
    writeCart(lines);
    render(lines);
    var focusTarget = list.querySelector("[data-line='" + id + "'] input") || checkout;
    if (focusTarget && quantity > 0) focusTarget.focus();
  }

  fetch(cart.getAttribute("data-items-url"), { cache: "no-cache" })
    .then(function (response) {
      if (!response.ok) throw new Error("price index " + response.status);
      return response.json();
    })
    .then(function (loaded) {
      index = loaded;
      render(reconcile(readCart()));
      cart.setAttribute("data-cart-ready", "");
    })
    .catch(function () {
      note(text("text-failed"));
    });
})();
