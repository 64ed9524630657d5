// Address forms: the commune or ward is picked in a searchable combobox (listbox.js: WAI-ARIA
// 1.2; up/down, Enter, Escape here), among the chosen province's communes, and the list follows
// the province.
// Without JavaScript the form still works: the plain select, and a button that shows the
// chosen province's communes (places/forms.py, checkout/views.py).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.communesUrl;

  // "Hà Nội" -> "ha noi": matches however the buyer types (tones or not, i or y at a word's end).
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/y\b/g, "i").replace(/\s+/g, " ");
  }

  function Combobox(wrapper) {
    var box = window.ocopListbox(wrapper);
    var select = box.select;
    var input = box.input;
    var status = wrapper.querySelector("[role=status]");
    var announceTimer = null;
    var typedPlaceholder = input.getAttribute("placeholder");
    box.show();

    function choices() {
      return Array.prototype.filter.call(select.options, function (option) { return option.value; });
    }

    function ready() {
      var hasChoices = choices().length > 0;
      input.disabled = !hasChoices;
      input.placeholder = hasChoices ? typedPlaceholder : wrapper.dataset.provinceFirst;
      input.value = box.chosenText();
    }

    function announce(count) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () { status.textContent = box.countText(count); }, 400);
    }

    function open(text) {
      var wanted = folded((text || "").trim());
      var atWordStart = [];
      var inside = [];
      choices().forEach(function (option) {
        var name = folded(option.text);
        var at = wanted ? name.indexOf(wanted) : 0;
        if (at === 0 || (at > 0 && name.charAt(at - 1) === " ")) atWordStart.push(option);
        else if (at > 0) inside.push(option);
      });
      box.fill(atWordStart.concat(inside), function (option) { return option.text; });
      announce(box.matches.length);
    }

    function pick(index) {
      var option = box.matches[index];
      if (!option) return;
      select.value = option.value;
      input.value = option.text;
      box.close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () { open(input.value); });
    input.addEventListener("keydown", function (event) {
      var expanded = box.expanded();
      var chosen = box.chosenText();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) { open(input.value === chosen ? "" : input.value); if (!event.altKey) box.setActive(0); return; }
        box.setActive(Math.min(box.active + 1, box.matches.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) { open(input.value === chosen ? "" : input.value); box.setActive(box.matches.length - 1); return; }
        box.setActive(Math.max(box.active - 1, 0));
      } else if (event.key === "Enter") {
        if (expanded && box.active >= 0) { event.preventDefault(); pick(box.active); }
        else if (expanded && box.matches.length === 1) { event.preventDefault(); pick(0); }
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); box.close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; select.value = ""; }
      } else if (event.key === "Home" || event.key === "End") {
        if (expanded) box.close();
      }
    });
    box.onPick(pick);
    input.addEventListener("blur", function () {
      box.close();
      var typed = folded(input.value.trim());
      if (!typed) { select.value = ""; return; }
      var same = choices().filter(function (option) { return folded(option.text) === typed; });
      if (same.length === 1) { select.value = same[0].value; input.value = same[0].text; }
      else input.value = box.chosenText();
    });
    select.addEventListener("communes:loaded", ready);
    ready();
  }

  function followProvince(provinceSelect) {
    var form = provinceSelect.form;
    var communeSelect = form && form.querySelector("select[name$='commune']");
    if (!communeSelect || !url) return;
    var placeholder = communeSelect.dataset.placeholder || "";
    provinceSelect.addEventListener("change", function () {
      var province = provinceSelect.value;
      communeSelect.length = 0;
      communeSelect.add(new Option(placeholder, ""));
      communeSelect.dispatchEvent(new Event("communes:loaded"));
      if (!province) return;
      fetch(url + "?province=" + encodeURIComponent(province), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          data.communes.forEach(function (commune) { communeSelect.add(new Option(commune.name, commune.id)); });
        })
        .catch(function () { /* the server-side fallback still works */ })
        .finally(function () { communeSelect.dispatchEvent(new Event("communes:loaded")); });
    });
  }

  document.querySelectorAll("[data-commune-combobox]").forEach(Combobox);
  document.querySelectorAll("select[data-commune-source]").forEach(followProvince);
})();
