// Oscar's page behaviour (oscar.init()) for the few stock pages that opt into the legacy
// scripts (marketplace/partials/legacy_scripts.html loads jQuery, Bootstrap's JS and ui.js
// before this file, all deferred). On any other page jQuery is absent and this does nothing.
(function () {
  "use strict";
  if (typeof window.jQuery !== "function" || typeof window.oscar !== "object") return;
  window.jQuery(function () {
    window.oscar.init();
    if (window.oscar.customer && document.querySelector(".clipboard-item")) {
      window.oscar.customer.wishlists.init();
    }
    if (document.querySelector('a[data-behaviours~="archive"], a[data-behaviours~="delete"]')) {
      window.oscar.notifications.init();
    }
  });
})();
