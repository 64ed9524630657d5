// What layout.html's onbodyload does, for the pages shared through the page cache, which
// carry no inline script (a shared page would share its nonce): Oscar's page behaviour.
$(function () {
  "use strict";
  oscar.init();
});
