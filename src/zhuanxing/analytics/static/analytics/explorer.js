/* Indicator explorer chart: a line per table row (first indicator), bars for a single period. */
(function () {
  "use strict";
  var el = document.getElementById("explorer-chart");
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  if (!el || !data.series) { return; }
  var single = data.periods.length === 1;
  var c = echarts.init(el, null, { renderer: "canvas" });
  c.setOption({
    animation: false,
    title: { text: data.title + " (" + data.unit + ")", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: "category", data: single ? data.series.map(function (s) { return s.name; }) : data.periods },
    yAxis: { type: "value", scale: !single },
    series: single
      ? [{ type: "bar", name: data.periods[0], data: data.series.map(function (s) { return s.data[0]; }) }]
      : data.series.map(function (s) { return { type: "line", name: s.name, data: s.data }; })
  });
  el.dataset.drawn = "1";
  window.addEventListener("resize", function () { c.resize(); });
})();

/* Switching between years and months: the From/To fields hold the other kind's periods, so they
   are cleared and the server picks the default span (the latest year, or January to the latest
   month). */
(function () {
  "use strict";
  var form = document.getElementById("explorer-form");
  if (!form) { return; }
  var kind = form.querySelector("select[name=kind]");
  var was = kind.value;
  kind.addEventListener("change", function () {
    var monthly = function (k) { return k === "month" || k === "ytd"; };
    if (monthly(kind.value) !== monthly(was)) {
      form.querySelector("input[name=start]").value = "";
      form.querySelector("input[name=end]").value = "";
    }
    was = kind.value;
  });
})();
