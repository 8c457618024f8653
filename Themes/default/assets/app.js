/* Showroom default theme: optional progressive enhancement.
   Without this file the gallery still works (thumbnails are links to each slide). */
(function () {
  "use strict";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
    var viewport = gallery.querySelector(".gallery__viewport");
    var thumbs = Array.prototype.slice.call(gallery.querySelectorAll(".gallery__thumb"));
    if (!viewport || thumbs.length < 2) return;

    function mark(index) {
      thumbs.forEach(function (thumb, i) {
        if (i === index) thumb.setAttribute("aria-current", "true");
        else thumb.removeAttribute("aria-current");
      });
    }

    // Scroll only the strip, not the page, when a thumbnail is chosen.
    thumbs.forEach(function (thumb, i) {
      thumb.addEventListener("click", function (event) {
        var slide = viewport.children[i];
        if (!slide) return;
        event.preventDefault();
        viewport.scrollTo({ left: slide.offsetLeft - viewport.offsetLeft, behavior: reduceMotion ? "auto" : "smooth" });
        mark(i);
      });
    });

    // Keep the current thumbnail in step with swipes.
    var pending = false;
    viewport.addEventListener("scroll", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        var width = viewport.clientWidth || 1;
        mark(Math.round(viewport.scrollLeft / width));
      });
    }, { passive: true });

    // Arrow keys move between images when the strip has focus.
    viewport.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      event.preventDefault();
      var width = viewport.clientWidth || 1;
      var index = Math.round(viewport.scrollLeft / width) + (event.key === "ArrowRight" ? 1 : -1);
      index = Math.max(0, Math.min(thumbs.length - 1, index));
      viewport.scrollTo({ left: index * width, behavior: reduceMotion ? "auto" : "smooth" });
      mark(index);
    });
  });
})();
