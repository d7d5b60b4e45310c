// Yibao staff UI behaviour. No inline scripts in pages: data-* attributes only.
(function () {
    "use strict";

    // Confirmation for destructive actions: <form data-confirm="确定……？">.
    document.addEventListener("submit", function (e) {
        var form = e.target;
        if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
            e.preventDefault();
            e.stopImmediatePropagation();
        }
    }, true);

    // Bar charts: <div data-chart="bar" data-labels='[...]' data-values='[...]' data-series="名称">.
    function renderCharts(root) {
        if (typeof echarts === "undefined") { return; }
        root.querySelectorAll("[data-chart=bar]").forEach(function (el) {
            var chart = echarts.init(el, null, { renderer: "svg" });
            chart.setOption({
                color: ["#0b4f8a"],
                grid: { left: 40, right: 20, top: 30, bottom: 30 },
                tooltip: { trigger: "axis" },
                xAxis: { type: "category", data: JSON.parse(el.dataset.labels || "[]"), axisTick: { alignWithLabel: true } },
                yAxis: { type: "value", minInterval: 1 },
                series: [{
                    name: el.dataset.series || "",
                    type: "bar",
                    barMaxWidth: 48,
                    data: JSON.parse(el.dataset.values || "[]"),
                    label: { show: true, position: "top" }
                }]
            });
            window.addEventListener("resize", function () { chart.resize(); });
        });
    }


    // 预决算公开检查: filter findings by severity (buttons data-filter-severity) and rule (select data-filter-rule);
    // highlights in the document whose findings are all filtered out lose their colour.
    function setupDisclosureFilters(root) {
        root.querySelectorAll("[data-disclosure]").forEach(function (box) {
            var severity = "", rule = "";
            function apply() {
                var visible = {};
                box.querySelectorAll("tr.yb-finding").forEach(function (row) {
                    var show = (!severity || row.dataset.severity === severity) && (!rule || row.dataset.rule === rule);
                    row.hidden = !show;
                    if (show) { visible[row.id.substring(1)] = true; }
                });
                box.querySelectorAll("[data-findings]").forEach(function (el) {
                    var any = el.dataset.findings.split(" ").some(function (n) { return visible[n]; });
                    el.classList.toggle("yb-hl-off", !any);
                });
            }
            box.querySelectorAll("[data-filter-severity]").forEach(function (btn) {
                btn.addEventListener("click", function () {
                    severity = btn.dataset.filterSeverity;
                    box.querySelectorAll("[data-filter-severity]").forEach(function (b) { b.classList.toggle("active", b === btn); });
                    apply();
                });
            });
            box.querySelectorAll("[data-filter-rule]").forEach(function (sel) {
                sel.addEventListener("change", function () { rule = sel.value; apply(); });
            });
        });
    }

    document.addEventListener("DOMContentLoaded", function () { setupDisclosureFilters(document); });
    document.addEventListener("DOMContentLoaded", function () { renderCharts(document); });
    document.addEventListener("htmx:afterSwap", function (e) { renderCharts(e.target); });
})();
