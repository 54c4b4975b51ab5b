// Stacked bars: qualifications by county and kind; the candidates' scores by group.
(function () {
  function stacked(id, dataId, categories, horizontal) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    var data = JSON.parse(document.getElementById(dataId).textContent);
    var names = data[categories];
    var series = data.series.map(function (s) {
      return { name: s.name, type: "bar", stack: "all", data: s.data };
    });
    var category = { type: "category", data: names, inverse: horizontal };
    var value = { type: "value" };
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 4 },
      grid: { left: horizontal ? 160 : 48, right: 16, top: 48, bottom: 48, containLabel: !horizontal },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series,
    });
    el.setAttribute("data-rendered", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }
  stacked("counts-chart", "counts-data", "counties", false);
  stacked("score-chart", "score-data", "names", true);
})();
