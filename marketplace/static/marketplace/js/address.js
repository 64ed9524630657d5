// Address forms: refill the commune/ward select when the province changes.
// Without JavaScript the form still works: sending it with a new province shows that
// province's communes, with everything typed kept.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.communesUrl;
  if (!url) return;

  // "Hà Nội" -> "ha noi": the filter matches however the buyer types (tones or not, i or y).
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/y\b/g, "i");
  }

  // A box above the commune select that narrows its options as the buyer types: Hà Nội has 126.
  // The select stays the control (its label, keyboard and screen reader behaviour unchanged).
  function addFilter(communeSelect) {
    var label = communeSelect.dataset.filterLabel;
    if (!label) return;
    var box = document.createElement("input");
    box.type = "search";
    box.id = communeSelect.id + "_filter";
    box.className = "form-control mb-1 commune-filter";
    box.setAttribute("aria-controls", communeSelect.id);
    box.autocomplete = "off";
    var boxLabel = document.createElement("label");
    boxLabel.htmlFor = box.id;
    boxLabel.className = "sr-only";
    boxLabel.textContent = label;
    box.placeholder = label;
    communeSelect.parentNode.insertBefore(boxLabel, communeSelect);
    communeSelect.parentNode.insertBefore(box, communeSelect);
    box.addEventListener("input", function () {
      var wanted = folded(box.value.trim());
      var first = null;
      Array.prototype.forEach.call(communeSelect.options, function (option) {
        var shown = !option.value || folded(option.text).indexOf(wanted) !== -1;
        option.hidden = !shown;
        option.disabled = !shown;
        if (shown && option.value && !first) first = option;
      });
      if (first && wanted) communeSelect.value = first.value;
    });
    return box;
  }

  function setup(provinceSelect) {
    var form = provinceSelect.form;
    var communeSelect = form && form.querySelector("select[name$='commune']");
    if (!communeSelect) return;
    var placeholder = communeSelect.dataset.placeholder || "";
    var filter = addFilter(communeSelect);

    provinceSelect.addEventListener("change", function () {
      var province = provinceSelect.value;
      if (filter) filter.value = "";
      communeSelect.disabled = true;
      communeSelect.length = 0;
      communeSelect.add(new Option(placeholder, ""));
      if (!province) { communeSelect.disabled = false; return; }
      fetch(url + "?province=" + encodeURIComponent(province), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          data.communes.forEach(function (commune) {
            communeSelect.add(new Option(commune.name, commune.id));
          });
        })
        .catch(function () { /* the server-side fallback still works */ })
        .finally(function () { communeSelect.disabled = false; });
    });
  }

  document.querySelectorAll("select[data-commune-source]").forEach(setup);
})();
