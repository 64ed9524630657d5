// The part every commune combobox of the site shares (WAI-ARIA 1.2: a text box with
// role=combobox over a hidden select that the form sends, a listbox of options,
// aria-activedescendant, the number of matches said through a live region). address.js
// (a province's communes, filtered in the page) and commune-search.js (any commune, asked of
// the server) each add how they find the matches and what a key does; load this file first.
(function () {
  "use strict";

  window.ocopListbox = function (wrapper) {
    var select = wrapper.querySelector("select");
    var input = wrapper.querySelector("[role=combobox]");
    var listbox = wrapper.querySelector("[role=listbox]");
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    var box = { select: select, input: input, listbox: listbox, matches: [], active: -1 };

    // The select stays in the form (hidden) and carries the value; the text box takes its place.
    ["aria-describedby", "aria-invalid", "required"].forEach(function (name) {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    if (label) {
      label.htmlFor = input.id;
      if (!label.id) label.id = input.id + "_label";
      listbox.setAttribute("aria-labelledby", label.id);
    }

    box.show = function () {
      select.hidden = true;
      input.hidden = false;
    };

    box.chosenText = function () {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    };

    box.expanded = function () { return input.getAttribute("aria-expanded") === "true"; };

    // "Không có xã nào khớp", "1 xã khớp", "12 xã khớp": the wrapper's data-count-* texts.
    box.countText = function (count) {
      return count === 0 ? wrapper.dataset.countNone
        : (count === 1 ? wrapper.dataset.countOne : wrapper.dataset.countOther).replace("{count}", count);
    };

    box.setActive = function (index) {
      var options = listbox.children;
      if (box.active >= 0 && options[box.active]) options[box.active].setAttribute("aria-selected", "false");
      box.active = index;
      if (box.active >= 0 && options[box.active]) {
        options[box.active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[box.active].id);
        options[box.active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };

    // Lists `matches` (each shown as `textOf(match)`) and opens the list when there are any.
    box.fill = function (matches, textOf) {
      box.matches = matches;
      listbox.textContent = "";
      matches.forEach(function (match, index) {
        var item = document.createElement("li");
        item.id = input.id + "_option_" + index;
        item.className = "combobox__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = textOf(match);
        listbox.appendChild(item);
      });
      box.active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.hidden = matches.length === 0;
      input.setAttribute("aria-expanded", matches.length ? "true" : "false");
    };

    box.close = function () {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      box.active = -1;
    };

    // A pointer pick calls `pick(index)`; the focus stays in the text box.
    box.onPick = function (pick) {
      listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
      listbox.addEventListener("click", function (event) {
        var item = event.target.closest("[role=option]");
        if (item) pick(Array.prototype.indexOf.call(listbox.children, item));
      });
    };

    return box;
  };
})();
