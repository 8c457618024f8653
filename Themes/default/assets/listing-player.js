/* Showroom default theme: plays a product's video listing (listing.json, embedded in the page) as a
   vertical video made of the page's own pictures, clips and words. No dependencies; without it the page
   still shows the poster, the offer and the transcript. */
(function () {
  "use strict";
  var root = document.querySelector("[data-listing-player]");
  var data = document.getElementById("listing-data");
  if (!root || !data) return;
  var listing = JSON.parse(data.textContent);
  var stage = root.querySelector("[data-stage]");
  var caption = root.querySelector("[data-caption]");
  var progress = root.querySelector("[data-progress]");
  var controls = root.querySelector("[data-controls]");
  var playButton = root.querySelector("[data-play]");
  var captionsButton = root.querySelector("[data-captions]");
  var clock = root.querySelector("[data-time]");
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

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

  // One layer per scene, built once; only the current one is visible.
  stage.textContent = "";
  var layers = listing.scenes.map(function (scene) {
    var layer = element("div", "listing__scene listing__scene--" + scene.kind);
    var media = null;
    if (scene.kind === "image") {
      media = element("img", "listing__media");
      media.alt = "";
      media.decoding = "async";
      media.dataset.src = scene.image;
    } else if (scene.kind === "video") {
      media = element("video", "listing__media");
      media.muted = true;
      media.playsInline = true;
      media.preload = "none";
      media.src = scene.video.url;
    }
    if (media) layer.appendChild(media);
    ["top", "center", "bottom"].forEach(function (position) {
      var overlays = scene.overlays.filter(function (overlay) { return overlay.position === position; });
      if (!overlays.length) return;
      var group = element("div", "listing__overlays listing__overlays--" + position);
      overlays.forEach(function (overlay) {
        var node;
        if (overlay.kind === "logo") {
          node = element("img", "listing__logo");
          node.src = overlay.url;
          node.alt = "";
        } else if (overlay.kind === "cta") {
          node = element("a", "listing__cta", overlay.text);
          node.href = overlay.url;
        } else {
          node = element("p", "listing__overlay listing__overlay--" + overlay.kind, overlay.text);
          if (overlay.was) node.appendChild(element("s", "listing__was", overlay.was));
          if (overlay.availability) node.dataset.availability = overlay.availability;
        }
        group.appendChild(node);
      });
      layer.appendChild(group);
    });
    stage.appendChild(layer);
    var bar = element("span", "listing__segment");
    bar.appendChild(element("span", "listing__fill"));
    progress.appendChild(bar);
    return { scene: scene, layer: layer, media: media, fill: bar.firstChild };
  });

  var time = 0, playing = false, current = -1, last = 0;
  var start = /[?#&]t=(\d+(?:\.\d+)?)/.exec(location.search + location.hash);
  if (start) time = Math.min(parseFloat(start[1]), listing.duration - 0.01);

  function load(index) {
    var entry = layers[index];
    if (entry && entry.media && entry.media.dataset.src) {
      entry.media.src = entry.media.dataset.src;
      delete entry.media.dataset.src;
    }
  }

  function show(index) {
    if (index === current) return;
    if (current >= 0) {
      layers[current].layer.classList.remove("is-current");
      if (layers[current].scene.kind === "video") layers[current].media.pause();
    }
    current = index;
    var entry = layers[index];
    load(index);
    load(index + 1);  // the next picture arrives before it is needed
    entry.layer.classList.add("is-current");
    caption.textContent = entry.scene.caption;
  }

  function render() {
    var index = 0;
    while (index < layers.length - 1 && time >= layers[index].scene.start + layers[index].scene.duration) index++;
    show(index);
    var entry = layers[index], scene = entry.scene;
    var into = Math.max(0, Math.min(1, (time - scene.start) / scene.duration));
    if (scene.kind === "image" && scene.motion) {
      // A view of the frame: zoom around the view's centre, moving linearly from "from" to "to".
      var view = reduceMotion ? scene.motion.from : {
        zoom: scene.motion.from.zoom + (scene.motion.to.zoom - scene.motion.from.zoom) * into,
        x: scene.motion.from.x + (scene.motion.to.x - scene.motion.from.x) * into,
        y: scene.motion.from.y + (scene.motion.to.y - scene.motion.from.y) * into
      };
      entry.media.style.transform = "scale(" + view.zoom + ") translate(" + (0.5 - view.x) * 100 + "%, " + (0.5 - view.y) * 100 + "%)";
    } else if (scene.kind === "video") {
      var wanted = scene.video.in + (time - scene.start);
      if (Math.abs(entry.media.currentTime - wanted) > 0.3 && entry.media.readyState > 0) entry.media.currentTime = wanted;
      if (playing && entry.media.paused) entry.media.play().catch(function () {});
      if (!playing && !entry.media.paused) entry.media.pause();
    }
    layers.forEach(function (other, i) {
      other.fill.style.transform = "scaleX(" + (i < index ? 1 : i > index ? 0 : into) + ")";
    });
    clock.textContent = timeLabel(time) + " / " + timeLabel(Math.ceil(listing.duration));
  }

  function frame(now) {
    if (!playing) return;
    time += Math.min(0.25, (now - last) / 1000);
    last = now;
    if (time >= listing.duration) {
      time = listing.duration - 0.001;
      setPlaying(false);
      root.classList.add("is-ended");
    }
    render();
    if (playing) requestAnimationFrame(frame);
  }

  function setPlaying(value) {
    playing = value;
    root.classList.toggle("is-playing", value);
    playButton.textContent = value ? "Pause" : "Play";
    playButton.setAttribute("aria-label", value ? "Pause" : "Play");
    if (value) {
      if (root.classList.contains("is-ended")) { time = 0; root.classList.remove("is-ended"); }
      last = performance.now();
      requestAnimationFrame(frame);
    }
    render();
  }

  playButton.addEventListener("click", function () { setPlaying(!playing); });
  stage.addEventListener("click", function (event) {
    if (!event.target.closest("a")) setPlaying(!playing);
  });
  captionsButton.addEventListener("click", function () {
    var on = captionsButton.getAttribute("aria-pressed") !== "true";
    captionsButton.setAttribute("aria-pressed", String(on));
    caption.hidden = !on;
  });
  document.querySelectorAll("[data-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      time = parseFloat(link.getAttribute("data-seek"));
      root.classList.remove("is-ended");
      setPlaying(true);
      root.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "nearest" });
    });
  });
  document.addEventListener("visibilitychange", function () { if (document.hidden) setPlaying(false); });

  controls.hidden = false;
  root.classList.add("is-ready");
  render();
  setPlaying(!reduceMotion);
})();
