// Wagtail's admin starts its date pickers, inline panels and chooser widgets with inline
// scripts, which the Content-Security-Policy refuses. Our template overrides
// (marketplace/templates/wagtailadmin/) and marketplace/csp.py (the choosers) leave a marker
// instead:
//   <template data-csp-call="initDateChooser" data-csp-id="id_x" data-csp-options="{...}">
//     -> initDateChooser("id_x", {...})
//   <template data-csp-new="InlinePanel" data-csp-options="{...}">
//     -> new InlinePanel({...})   (with data-csp-id: new ImageChooser("id_x", {...}))
// and this file makes the same calls: for the page as loaded and for every form added later
// (an inline panel's "Add" button, a modal).
(function () {
  "use strict";

  var SELECTOR = "template[data-csp-call], template[data-csp-new]";

  function start(marker) {
    var data = marker.dataset;
    if (data.cspStarted) return; // moved in the page (reordering): already started
    data.cspStarted = "1";
    var args = [JSON.parse(data.cspOptions)];
    if (data.cspId !== undefined) args.unshift(data.cspId);
    if (data.cspCall) {
      window[data.cspCall].apply(window, args);
    } else {
      var Constructor = window[data.cspNew];
      new (Function.prototype.bind.apply(Constructor, [null].concat(args)))();
    }
  }

  function startAll(root) {
    if (root.matches && root.matches(SELECTOR)) start(root);
    if (root.querySelectorAll) root.querySelectorAll(SELECTOR).forEach(start);
  }

  function watch() {
    startAll(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) startAll(node);
        });
      });
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
