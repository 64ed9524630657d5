// The certificate form (catalog/templates/catalog/dashboard/certificate_form.html).
/* valid to = valid from + 36 months, filled in while it is empty or was filled in by us */
(function () {
    var from = document.getElementById("id_valid_from"), to = document.getElementById("id_valid_to");
    if (!from || !to) return;
    var filled = to.value === "";
    to.addEventListener("input", function () { filled = false; });
    from.addEventListener("change", function () {
        if (!filled && to.value !== "") return;
        var parts = from.value.split("-");
        if (parts.length !== 3) return;
        var year = +parts[0] + 3, day = parts[2];
        if (parts[1] === "02" && day === "29") day = "28";
        to.value = year + "-" + parts[1] + "-" + day;
        filled = true;
    });
})();
