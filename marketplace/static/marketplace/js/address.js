// Address forms: the commune or ward is picked in a searchable combobox (WAI-ARIA 1.2: a text
// box with role=combobox, a listbox of options, aria-activedescendant; up/down, Enter, Escape;
// the number of matches said through a live region), and the list follows the province.
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
    var select = wrapper.querySelector("select");
    var input = wrapper.querySelector("[role=combobox]");
    var listbox = wrapper.querySelector("[role=listbox]");
    var status = wrapper.querySelector("[role=status]");
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    var matches = [];
    var active = -1;
    var announceTimer = null;
    var typedPlaceholder = input.getAttribute("placeholder");

    // The select stays in the form (hidden) and carries the value; the text box takes its place.
    ["aria-describedby", "aria-invalid", "required"].forEach(function (name) {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    if (label) {
      label.htmlFor = input.id;
      if (!label.id) label.id = input.id + "_label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    select.hidden = true;
    input.hidden = false;

    function choices() {
      return Array.prototype.filter.call(select.options, function (option) { return option.value; });
    }

    function chosenText() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    }

    function ready() {
      var hasChoices = choices().length > 0;
      input.disabled = !hasChoices;
      input.placeholder = hasChoices ? typedPlaceholder : wrapper.dataset.provinceFirst;
      input.value = chosenText();
    }

    function announce(count) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        var text = count === 0 ? wrapper.dataset.countNone
          : (count === 1 ? wrapper.dataset.countOne : wrapper.dataset.countOther).replace("{count}", count);
        status.textContent = text;
      }, 400);
    }

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

    function open(text) {
      var wanted = folded((text || "").trim());
      var all = choices();
      var atWordStart = [];
      var inside = [];
      all.forEach(function (option) {
        var name = folded(option.text);
        var at = wanted ? name.indexOf(wanted) : 0;
        if (at === 0 || (at > 0 && name.charAt(at - 1) === " ")) atWordStart.push(option);
        else if (at > 0) inside.push(option);
      });
      matches = atWordStart.concat(inside);
      listbox.textContent = "";
      matches.forEach(function (option, index) {
        var item = document.createElement("li");
        item.id = input.id + "_option_" + index;
        item.className = "combobox__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = option.text;
        listbox.appendChild(item);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.hidden = matches.length === 0;
      input.setAttribute("aria-expanded", matches.length ? "true" : "false");
      announce(matches.length);
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function pick(index) {
      var option = matches[index];
      if (!option) return;
      select.value = option.value;
      input.value = option.text;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () { open(input.value); });
    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) { open(input.value === chosenText() ? "" : input.value); if (!event.altKey) setActive(0); return; }
        setActive(Math.min(active + 1, matches.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) { open(input.value === chosenText() ? "" : input.value); setActive(matches.length - 1); return; }
        setActive(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) { event.preventDefault(); pick(active); }
        else if (expanded && matches.length === 1) { event.preventDefault(); pick(0); }
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; select.value = ""; }
      } else if (event.key === "Home" || event.key === "End") {
        if (expanded) close();
      }
    });
    // A pointer pick: keep the focus in the text box.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) pick(Array.prototype.indexOf.call(listbox.children, item));
    });
    input.addEventListener("blur", function () {
      close();
      var typed = folded(input.value.trim());
      if (!typed) { select.value = ""; return; }
      var same = choices().filter(function (option) { return folded(option.text) === typed; });
      if (same.length === 1) { select.value = same[0].value; input.value = same[0].text; }
      else input.value = chosenText();
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
