// 按表录入: “添加一行” copies the last row of the table with empty cells; the validation panel refreshes on input (htmx).
(function () {
    "use strict";
    document.addEventListener("click", function (e) {
        var btn = e.target.closest("[data-add-row]");
        if (!btn) { return; }
        var body = document.querySelector(btn.getAttribute("data-add-row") + " tbody");
        if (!body || !body.lastElementChild) { return; }
        var row = body.lastElementChild.cloneNode(true);
        var index = body.children.length;
        row.classList.remove("table-warning");
        row.querySelectorAll("input, select").forEach(function (el) {
            if (el.tagName === "SELECT") { el.selectedIndex = 0; } else { el.value = ""; el.readOnly = false; }
        });
        var first = row.querySelector("td");
        if (first) { first.innerHTML = (index + 1) + ' <span id="rf-' + index + '" class="text-danger"></span>'; }
        var fn = row.querySelector("[id^='fn-']");
        if (fn) { fn.id = "fn-" + index; fn.textContent = ""; }
        body.appendChild(row);
    });
})();
