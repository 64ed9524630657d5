// The back office's wide tables scroll inside their own box, never the whole page (phones):
// each table of a dashboard page that is not already in Bootstrap's .table-responsive is
// wrapped in a .table-scroll box (marketplace/css/dashboard.css). A box that does scroll can
// be reached and scrolled with the keyboard: it takes the focus and is named after the
// table's caption or the heading above it.
(function () {
  "use strict";

  function nameOf(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var figcaption = table.tagName === "FIGURE" && table.querySelector("figcaption");
    if (figcaption && figcaption.textContent.trim()) return figcaption.textContent.trim();
    var node = table.closest(".table-scroll, .table-responsive") || table;
    while (node) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        var heading = /^H[1-6]$/.test(sibling.tagName) ? sibling : sibling.querySelector("h1, h2, h3, h4, h5, h6");
        if (heading && heading.textContent.trim()) return heading.textContent.trim();
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
      if (node && node.tagName === "MAIN") break;
    }
    return document.title.split("|")[0].trim();
  }

  function mark(box) {
    var table = box.querySelector("table") || box;
    if (box.scrollWidth > box.clientWidth + 1) {
      if (box.hasAttribute("tabindex")) return;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", nameOf(table));
      box.dataset.scrollMarked = "1";
    } else if (box.dataset.scrollMarked) {
      delete box.dataset.scrollMarked;
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  var boxes = [];
  document.querySelectorAll("main table").forEach(function (table) {
    var box = table.closest(".table-responsive, .table-scroll");
    if (!box) {
      box = document.createElement("div");
      box.className = "table-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    }
    if (boxes.indexOf(box) === -1) boxes.push(box);
  });

  // Other boxes that scroll sideways on a phone (a chart in its <figure>): reachable too.
  document.querySelectorAll("main figure, main .table-responsive").forEach(function (box) {
    if (boxes.indexOf(box) === -1) boxes.push(box);
  });

  function markAll() {
    boxes.forEach(mark);
  }
  markAll();
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(markAll, 150);
  });
})();
