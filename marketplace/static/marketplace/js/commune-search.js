// The commune picker of the product and lot forms (places.widgets.CommuneSearch): a WAI-ARIA 1.2
// combobox (a text box with role=combobox, a listbox, aria-activedescendant; up/down, Enter,
// Escape; the number of matches said through a live region) that asks the server for the
// communes matching what is typed. The select, hidden, keeps the chosen commune and is what
// the form sends. Without JavaScript the search box and its "Find" button do the same by
// sending the form back.
(function () {
  "use strict";

  function CommuneSearch(wrapper) {
    if (wrapper.dataset.ready) return; // the widget's script tag comes once per field
    wrapper.dataset.ready = "true";
    var select = wrapper.querySelector("select");
    var input = wrapper.querySelector("[role=combobox]");
    var listbox = wrapper.querySelector("[role=listbox]");
    var status = wrapper.querySelector(".sr-only[role=status]");
    var fallback = wrapper.querySelector("[data-commune-search-fallback]");
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    var url = wrapper.dataset.url;
    var matches = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    ["aria-describedby", "aria-invalid", "required"].forEach(function (name) {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    if (label) {
      label.htmlFor = input.id;
      if (!label.id) label.id = input.id + "_label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    // Removed, not hidden: its button would stay the form's default button for Enter.
    if (fallback) fallback.remove();
    select.hidden = true;
    input.hidden = false;

    function chosenText() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    }
    input.value = chosenText();

    function say(text) { status.textContent = text; }

    function setActive(index) {
      var options = listbox.children;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(found) {
      matches = found;
      listbox.textContent = "";
      matches.forEach(function (commune, index) {
        var item = document.createElement("li");
        item.id = input.id + "_option_" + index;
        item.className = "combobox__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = commune.name;
        listbox.appendChild(item);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.hidden = matches.length === 0;
      input.setAttribute("aria-expanded", matches.length ? "true" : "false");
      say(matches.length === 0 ? wrapper.dataset.countNone
        : (matches.length === 1 ? wrapper.dataset.countOne : wrapper.dataset.countOther).replace("{count}", matches.length));
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function ask(text) {
      clearTimeout(timer);
      if (text.trim().length < 2) { close(); say(text.trim() ? wrapper.dataset.typeMore : ""); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch(url + "?q=" + encodeURIComponent(text.trim()), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (data) { if (mine === asked) show(data.communes); })
          .catch(function () { /* the list stays as it was; the commune already chosen is kept */ });
      }, 250);
    }

    function pick(index) {
      var commune = matches[index];
      if (!commune) return;
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (option.value) option.remove();
      });
      select.add(new Option(commune.name, commune.id, true, true));
      input.value = commune.name;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () { ask(input.value); });
    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (expanded) setActive(Math.min(active + 1, matches.length - 1));
        else if (matches.length && input.value !== chosenText()) { show(matches); setActive(0); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (expanded) setActive(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        // Never sends the form from here (a list still loading would otherwise save it):
        // Enter picks the commune.
        event.preventDefault();
        if (expanded && active >= 0) pick(active);
        else if (expanded && matches.length === 1) pick(0);
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; select.value = ""; }
      }
    });
    // A pointer pick keeps the focus in the text box.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) pick(Array.prototype.indexOf.call(listbox.children, item));
    });
    input.addEventListener("blur", function () {
      close();
      if (!input.value.trim()) { select.value = ""; return; }
      input.value = chosenText();
    });
  }

  document.querySelectorAll("[data-commune-search]").forEach(CommuneSearch);
})();
