// 部门预算: composition by economic class, this year against last year (ECharts). Data in data-* attributes.
(function () {
    "use strict";
    function render() {
        if (typeof echarts === "undefined") { return; }
        document.querySelectorAll("[data-budget-chart]").forEach(function (el) {
            var labels = JSON.parse(el.dataset.labels || "[]");
            var current = JSON.parse(el.dataset.current || "[]");
            var prior = JSON.parse(el.dataset.prior || "[]");
            var year = Number(el.dataset.year);
            var series = [{ name: year + "年", type: "bar", barMaxWidth: 40, data: current, label: { show: true, position: "top" } }];
            if (prior.length) {
                series.unshift({ name: (year - 1) + "年", type: "bar", barMaxWidth: 40, data: prior, label: { show: true, position: "top" } });
            }
            series.push({
                name: year + "年构成", type: "pie", radius: ["0", "28%"], center: ["85%", "30%"],
                data: labels.map(function (l, i) { return { name: l, value: current[i] }; }),
                label: { formatter: "{d}%" }
            });
            var chart = echarts.init(el, null, { renderer: "svg" });
            chart.setOption({
                color: ["#9fb7d0", "#0b4f8a", "#2a9d8f", "#e9c46a", "#e76f51"],
                tooltip: { trigger: "item" },
                legend: { top: 0 },
                grid: { left: 50, right: "30%", top: 40, bottom: 40 },
                xAxis: { type: "category", data: labels, axisLabel: { interval: 0, fontSize: 11 } },
                yAxis: { type: "value", name: "万元" },
                series: series
            });
            window.addEventListener("resize", function () { chart.resize(); });
            document.querySelectorAll("a[data-bs-toggle=tab]").forEach(function (a) {
                a.addEventListener("shown.bs.tab", function () { chart.resize(); });
            });
        });
    }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", render); } else { render(); }
})();
