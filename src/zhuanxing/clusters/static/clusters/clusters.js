/* The cluster pages' one chart: grouped bars (location quotients by output and employment of a
   county's largest industries; the counties' shift-share parts; the densities of a unit's
   candidate industries). Data: the json_script "cluster-chart-data". */
(function () {
  "use strict";
  var el = document.getElementById("cluster-chart");
  var source = document.getElementById("cluster-chart-data");
  if (!el || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data || !data.categories) { return; }
  var chart = echarts.init(el, null, { renderer: "canvas" });
  var horizontal = data.kind !== "shift";
  var names = data.categories;
  var categoryAxis = { type: "category", data: names, inverse: horizontal,
                       axisLabel: { width: 140, overflow: "truncate" } };
  var valueAxis = { type: "value" };
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: horizontal ? 150 : 50, right: 20, top: 30, bottom: 30 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", data: s.data,
               markLine: data.kind === "lq" ? { silent: true, symbol: "none",
                 data: [{ xAxis: 1 }] } : undefined };
    })
  }, true);
  el.dataset.drawn = "1";
  window.addEventListener("resize", function () { chart.resize(); });
})();
