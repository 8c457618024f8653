/* Showroom default theme: plays a product's video listing (listing.json, embedded in the page) as a
   vertical video made of the product's own pictures, clips and words. No dependencies; without it the
   page still shows the poster, the offer, a link to the product and the transcript. */
(function () {
  "use strict";
  var root = document.querySelector("[data-listing-player]");
  var data = document.getElementById("listing-data");
  if (!root || !data || !window.requestAnimationFrame) return;
  var listing = JSON.parse(data.textContent), scenes = listing.scenes || [];
  if (!scenes.length) return;
  var stage = root.querySelector("[data-stage]"), caption = root.querySelector("[data-caption]");
  var progress = root.querySelector("[data-progress]"), clock = root.querySelector("[data-time]");
  var playButton = root.querySelector("[data-play]"), captionsButton = root.querySelector("[data-captions]");
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var total = listing.duration;
  // The words the script writes come from the page (the theme's language file), as the cart's do.
  function word(name) { return root.getAttribute("data-text-" + name) || ""; }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function timeLabel(seconds) {
    var whole = Math.floor(seconds);
    return Math.floor(whole / 60) + ":" + ("0" + (whole % 60)).slice(-2);
  }

  function overlayNode(overlay) {
    var node;
    if (overlay.kind === "logo") {
      node = element("img", "listing__logo");
      node.src = overlay.url;
      node.alt = (listing.product && listing.product.brand) || "";
    } else if (overlay.kind === "cta") {
      node = element("a", "listing__cta", overlay.text);
      node.href = overlay.url;
    } else {
      node = element("p", "listing__overlay listing__overlay--" + overlay.kind, overlay.text);
      if (overlay.was) {  // a sale: the regular price, struck through
        node.classList.add("is-sale");
        node.appendChild(element("span", "visually-hidden", word("regular-price")));
        node.appendChild(element("s", "listing__was", overlay.was));
      }
      if (overlay.availability) node.className += " listing__badge listing__badge--" + overlay.availability;
    }
    return node;
  }

  // One layer per scene, built once; only the current one is visible. Pictures get their src only
  // when their scene (or the one before it) comes up, so the page loads one picture at first.
  stage.textContent = "";
  var layers = scenes.map(function (scene) {
    var layer = element("div", "listing__scene listing__scene--" + scene.kind);
    var media = null;
    if (scene.kind === "image" && scene.image) {
      media = element("img", "listing__media");
      media.alt = "";
    } else if (scene.kind === "video" && scene.video) {
      media = element("video", "listing__media");
      media.muted = true;  // muted and inline, so browsers let it play without a tap
      media.playsInline = true;
      media.preload = "none";
    }
    if (media) layer.appendChild(media);
    ["top", "center", "bottom"].forEach(function (position) {
      var here = (scene.overlays || []).filter(function (overlay) { return overlay.position === position; });
      if (!here.length) return;
      var group = element("div", "listing__overlays listing__overlays--" + position);
      here.forEach(function (overlay) { group.appendChild(overlayNode(overlay)); });
      layer.appendChild(group);
    });
    stage.appendChild(layer);
    var segment = element("span", "listing__segment");
    segment.style.flexGrow = scene.duration;  // segments are as long as their scenes
    segment.appendChild(element("span", "listing__fill"));
    progress.appendChild(segment);
    return { scene: scene, layer: layer, media: media, fill: segment.firstChild, loaded: false };
  });

  // The end screen: replay, and a way to the product when the last scene has none.
  var end = element("div", "listing__end"), replay = element("button", "listing__replay", word("replay"));
  replay.type = "button";
  end.appendChild(replay);
  var hasCta = (scenes[scenes.length - 1].overlays || []).some(function (overlay) { return overlay.kind === "cta"; });
  if (!hasCta && listing.product && listing.product.url) {
    var link = element("a", "listing__cta", word("see-product"));
    link.href = listing.product.url;
    end.appendChild(link);
  }
  stage.appendChild(end);

  // Transcript lines know their scene, so the one playing can be marked.
  var lines = Array.prototype.slice.call(document.querySelectorAll("[data-seek]"));

  var time = 0, playing = false, ended = false, current = -1, anchor = 0, resume = false, ticking = 0;
  var start = /[?#&]t=(\d+(?:\.\d+)?)/.exec(location.search + "&" + location.hash);
  if (start) time = Math.min(parseFloat(start[1]), total - 0.05);

  function load(index) {
    var entry = layers[index];
    if (!entry || !entry.media || entry.loaded) return;
    entry.loaded = true;
    if (entry.scene.kind === "image") {
      entry.media.src = entry.scene.image;
    } else {
      entry.media.preload = "auto";
      entry.media.src = entry.scene.video.url + "#t=" + (entry.scene.video.in || 0);
    }
  }

  function show(index) {
    if (index === current) return;
    if (current >= 0 && layers[current].scene.kind === "video") layers[current].media.pause();
    if (current >= 0) layers[current].layer.classList.remove("is-current");
    current = index;
    var entry = layers[index];
    load(index);
    load(index + 1);  // the next scene's picture or clip arrives before it is needed
    entry.layer.classList.add("is-current");
    root.setAttribute("data-scene-kind", entry.scene.kind);
    caption.textContent = entry.scene.caption || "";
    lines.forEach(function (line) {
      if (parseFloat(line.getAttribute("data-seek")) === entry.scene.start) line.setAttribute("aria-current", "true");
      else line.removeAttribute("aria-current");
    });
  }

  function syncVideo(entry, into) {
    // The clip follows the listing's clock; when the file is shorter, its last frame holds.
    var media = entry.media, clip = entry.scene.video;
    var wanted = (clip.in || 0) + into;
    var stop = Math.min(clip.out != null ? clip.out : Infinity, media.duration || Infinity);
    if (wanted >= stop - 0.05) {
      if (!media.paused) media.pause();
      return;
    }
    // Seek only where the server allows it (one without range requests plays the clip from its start).
    var range = media.seekable, canSeek = range.length && wanted >= range.start(0) && wanted <= range.end(range.length - 1);
    if (canSeek && !media.seeking && Math.abs(media.currentTime - wanted) > 0.3) media.currentTime = wanted;
    if (playing && media.paused) {
      var promise = media.play();
      if (promise) promise.catch(function () {});  // a clip that cannot play leaves its scene dark, no more
    } else if (!playing && !media.paused) {
      media.pause();
    }
  }

  function render() {
    var index = 0;
    while (index < layers.length - 1 && time >= layers[index].scene.start + layers[index].scene.duration) index++;
    show(index);
    var entry = layers[index], scene = entry.scene;
    var into = Math.max(0, Math.min(scene.duration, time - scene.start));
    var share = into / scene.duration;
    if (scene.kind === "image" && entry.media && scene.motion) {
      // A view of the frame: zoom 1 shows it all; x and y are the view's centre. Linear from "from" to "to".
      var from = scene.motion.from, to = reduceMotion ? from : scene.motion.to;
      var zoom = from.zoom + (to.zoom - from.zoom) * share;
      var x = from.x + (to.x - from.x) * share, y = from.y + (to.y - from.y) * share;
      entry.media.style.transform = "scale(" + zoom + ") translate(" + (0.5 - x) * 100 + "%, " + (0.5 - y) * 100 + "%)";
    } else if (scene.kind === "video" && entry.media) {
      syncVideo(entry, into);
    }
    layers.forEach(function (other, i) {
      other.fill.style.transform = "scaleX(" + (i < index ? 1 : i > index ? 0 : share) + ")";
    });
    caption.hidden = ended || !caption.textContent || captionsButton.getAttribute("aria-pressed") !== "true";
    clock.textContent = timeLabel(ended ? Math.ceil(total) : time) + " / " + timeLabel(Math.ceil(total));
  }

  function frame(now) {
    ticking = 0;
    if (!playing) return;
    // The clock runs from an anchor, so slow frames skip ahead instead of slowing the listing down
    // (never back: a frame's timestamp can predate the click that set the anchor).
    time = Math.max(time, (now - anchor) / 1000);
    if (time >= total) {
      time = total;
      ended = true;
      setPlaying(false);
      return;
    }
    render();
    ticking = requestAnimationFrame(frame);
  }

  function setPlaying(value) {
    if (value && ended) { time = 0; ended = false; }
    playing = value;
    root.classList.toggle("is-playing", playing);
    root.classList.toggle("is-ended", ended);
    playButton.setAttribute("aria-label", playing ? word("pause") : ended ? word("replay") : word("play"));
    if (playing) {
      anchor = performance.now() - time * 1000;
      if (!ticking) ticking = requestAnimationFrame(frame);  // one loop, however often play is pressed
    }
    render();
  }

  function seek(seconds) {
    time = Math.max(0, Math.min(seconds, total - 0.05));
    ended = false;
    setPlaying(true);
  }

  playButton.addEventListener("click", function () { setPlaying(!playing); });
  replay.addEventListener("click", function (event) { event.stopPropagation(); seek(0); });
  stage.addEventListener("click", function (event) {
    // Tapping the picture pauses and resumes, as in stories; links on it still work.
    if (!event.target.closest("a, button")) setPlaying(!playing);
  });
  captionsButton.addEventListener("click", function () {
    captionsButton.setAttribute("aria-pressed", String(captionsButton.getAttribute("aria-pressed") !== "true"));
    render();
  });
  lines.forEach(function (line) {
    line.addEventListener("click", function (event) {
      event.preventDefault();
      seek(parseFloat(line.getAttribute("data-seek")));
      var box = root.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) root.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "start" });
    });
  });
  document.addEventListener("visibilitychange", function () {
    // A hidden tab stops the listing; it goes on where it was when the tab comes back.
    if (document.hidden) { resume = playing; if (playing) setPlaying(false); }
    else if (resume) { resume = false; setPlaying(true); }
  });

  root.querySelector("[data-controls]").hidden = false;
  root.classList.add("is-ready");
  setPlaying(true);  // muted and pausable, like a story; reduced motion drops the pan and zoom
})();
