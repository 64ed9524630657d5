// Address forms: refill the commune/ward select when the province changes.
// Without JavaScript the form still works: sending it with a new province shows that
// province's communes, with everything typed kept.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.communesUrl;
  if (!url) return;

  function setup(provinceSelect) {
    var form = provinceSelect.form;
    var communeSelect = form && form.querySelector("select[name$='commune']");
    if (!communeSelect) return;
    var placeholder = communeSelect.dataset.placeholder || "";

    provinceSelect.addEventListener("change", function () {
      var province = provinceSelect.value;
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
