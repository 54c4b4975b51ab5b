// The 24-month trend of monthly year-on-year growth (value added, gross output, electricity).
(function () {
  var el = document.getElementById("trend-chart");
  if (!el || !window.echarts) return;
  var data = JSON.parse(document.getElementById("trend-data").textContent);
  var zh = document.documentElement.lang.indexOf("zh") === 0;
  var series = [
    ["value_added", zh ? "增加值" : "Value added"],
    ["gross_output", zh ? "总产值" : "Gross output"],
    ["electricity_kwh", zh ? "用电量" : "Electricity"],
  ].map(function (s) {
    return { name: s[1], type: "line", smooth: true, data: data.map(function (d) { return d[s[0]]; }) };
  });
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 4 },
    grid: { left: 48, right: 16, top: 36, bottom: 48 },
    xAxis: { type: "category", data: data.map(function (d) { return d.period; }), axisLabel: { rotate: 45 } },
    yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
    series: series,
  });
  el.setAttribute("data-rendered", "1");
  window.addEventListener("resize", function () { chart.resize(); });
})();
