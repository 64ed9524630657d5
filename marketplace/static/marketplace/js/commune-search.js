// The commune picker of the product and lot forms (places.widgets.CommuneSearch): a combobox
// (listbox.js: WAI-ARIA 1.2; up/down, Enter, Escape here) that asks the server for the
// communes matching what is typed. The select, hidden, keeps the chosen commune and is what
// the form sends. Without JavaScript the search box and its "Find" button do the same by
// sending the form back.
(function () {
  "use strict";

  function CommuneSearch(wrapper) {
    if (wrapper.dataset.ready) return; // the widget's script tag comes once per field
    wrapper.dataset.ready = "true";
    var box = window.ocopListbox(wrapper);
    var select = box.select;
    var input = box.input;
    var status = wrapper.querySelector(".sr-only[role=status]");
    var fallback = wrapper.querySelector("[data-commune-search-fallback]");
    var url = wrapper.dataset.url;
    var timer = null;
    var asked = 0;

    // Removed, not hidden: its button would stay the form's default button for Enter.
    if (fallback) fallback.remove();
    box.show();
    input.value = box.chosenText();

    function say(text) { status.textContent = text; }

    function show(found) {
      box.fill(found, function (commune) { return commune.name; });
      say(box.countText(found.length));
    }

    function ask(text) {
      clearTimeout(timer);
      if (text.trim().length < 2) { box.close(); say(text.trim() ? wrapper.dataset.typeMore : ""); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch(url + "?q=" + encodeURIComponent(text.trim()), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (data) { if (mine === asked) show(data.communes); })
          .catch(function () { /* the list stays as it was; the commune already chosen is kept */ });
      }, 250);
    }

    function pick(index) {
      var commune = box.matches[index];
      if (!commune) return;
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (option.value) option.remove();
      });
      select.add(new Option(commune.name, commune.id, true, true));
      input.value = commune.name;
      box.close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () { ask(input.value); });
    input.addEventListener("keydown", function (event) {
      var expanded = box.expanded();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (expanded) box.setActive(Math.min(box.active + 1, box.matches.length - 1));
        else if (box.matches.length && input.value !== box.chosenText()) { show(box.matches); box.setActive(0); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (expanded) box.setActive(Math.max(box.active - 1, 0));
      } else if (event.key === "Enter") {
        // Never sends the form from here (a list still loading would otherwise save it):
        // Enter picks the commune.
        event.preventDefault();
        if (expanded && box.active >= 0) pick(box.active);
        else if (expanded && box.matches.length === 1) pick(0);
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); box.close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; select.value = ""; }
      }
    });
    box.onPick(pick);
    input.addEventListener("blur", function () {
      box.close();
      if (!input.value.trim()) { select.value = ""; return; }
      input.value = box.chosenText();
    });
  }

  document.querySelectorAll("[data-commune-search]").forEach(CommuneSearch);
})();
