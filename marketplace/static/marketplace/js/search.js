/* The search box's suggestions (an ARIA 1.2 combobox) and sort menus that apply on change.
   Without JavaScript the box is a plain search form and the sort menu has its own button. */
(function () {
    "use strict";

    function debounce(fn, wait) {
        var timer;
        return function () {
            var args = arguments;
            clearTimeout(timer);
            timer = setTimeout(function () { fn.apply(null, args); }, wait);
        };
    }

    function setUpSuggestions(input) {
        var list = document.getElementById(input.getAttribute("aria-controls"));
        var url = input.dataset.suggestUrl;
        var options = [];
        var active = -1;
        var pending = null;

        function close() {
            list.hidden = true;
            list.innerHTML = "";
            options = [];
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({block: "nearest"});
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function show(suggestions) {
            close();
            if (!suggestions.length) { return; }
            suggestions.forEach(function (suggestion, i) {
                var item = document.createElement("li");
                item.id = list.id + "-" + i;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.className = "site-search__suggestion";
                item.textContent = suggestion.name;
                item.dataset.url = suggestion.url;
                item.addEventListener("mousedown", function (event) {
                    event.preventDefault();  /* keep focus in the box until we navigate */
                    window.location.href = suggestion.url;
                });
                list.appendChild(item);
                options.push(item);
            });
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
        }

        var fetchSuggestions = debounce(function (text) {
            if (pending) { pending.abort(); }
            pending = new AbortController();
            fetch(url + "?q=" + encodeURIComponent(text), {signal: pending.signal, headers: {"Accept": "application/json"}})
                .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                .then(function (data) {
                    if (input.value.trim() === text) { show(data.suggestions || []); }
                })
                .catch(function () { /* aborted or offline: the form still works */ });
        }, 150);

        input.addEventListener("input", function () {
            var text = input.value.trim();
            if (text.length < 2) { close(); return; }
            fetchSuggestions(text);
        });

        input.addEventListener("keydown", function (event) {
            if (list.hidden) { return; }
            if (event.key === "ArrowDown") {
                event.preventDefault();
                highlight((active + 1) % options.length);
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                highlight(active <= 0 ? options.length - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                window.location.href = options[active].dataset.url;
            } else if (event.key === "Escape") {
                close();
            }
        });

        input.addEventListener("blur", close);
    }

    document.querySelectorAll("input[data-suggest-url]").forEach(setUpSuggestions);

    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
        var button = select.form.querySelector(".sort-form__button");
        if (button) { button.hidden = true; }
        select.addEventListener("change", function () { select.form.submit(); });
    });
})();
