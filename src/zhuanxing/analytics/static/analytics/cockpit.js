/* Cockpit charts: sparklines, 1244 structure, heavy/light and business modes, county map. */
(function () {
  "use strict";
  var script = document.getElementById("cockpit-script");
  var data = JSON.parse(document.getElementById("cockpit-data").textContent);
  var charts = [];
  // Phones: legends wrap onto several lines (a plain legend at the top, the grid below it),
  // smaller axis labels that do not overlap. Decided once per draw from the element's width.
  function narrow(el) { return el.clientWidth < 560; }
  var axisLabel = { hideOverlap: true, fontSize: 11 };

  function chart(el) {
    var c = echarts.init(el, null, { renderer: "canvas" });
    charts.push(c);
    return c;
  }

  document.querySelectorAll(".spark").forEach(function (el) {
    var values = JSON.parse(el.dataset.values);
    var years = JSON.parse(el.dataset.years);
    chart(el).setOption({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: "category", data: years, show: false },
      yAxis: { type: "value", show: false, scale: true },
      tooltip: { trigger: "axis" },
      series: [{ type: "line", data: values, symbol: "circle", symbolSize: 4, connectNulls: false,
                 lineStyle: { width: 2, color: "#b3261e" }, itemStyle: { color: "#b3261e" } }]
    });
  });

  var s = data.structure;
  var structureEl = document.getElementById("structure-chart");
  if (structureEl) {
    var thin = narrow(structureEl);
    chart(structureEl).setOption({
      animation: false,
      tooltip: { trigger: "axis", confine: true },
      legend: thin ? { type: "plain", top: 0, left: 0, right: 0, itemWidth: 14, itemGap: 6,
                       textStyle: { fontSize: 11 } }
                   : { type: "scroll", bottom: 0 },
      grid: thin ? { left: 4, right: 8, top: 96, bottom: 4, containLabel: true }
                 : { left: 50, right: 16, top: 16, bottom: 60 },
      xAxis: { type: "category", data: data.years, axisLabel: axisLabel },
      yAxis: { type: "value", name: thin ? "" : data.labels.output, axisLabel: axisLabel },
      series: s.categories.map(function (c) {
        return { name: c.name, type: "bar", stack: "out", data: c.output };
      })
    });
  }
  var modesEl = document.getElementById("modes-chart");
  if (modesEl) {
    var series = [
      { name: data.labels.heavy, type: "bar", stack: "hl", data: s.heavy },
      { name: data.labels.light, type: "bar", stack: "hl", data: s.light }
    ];
    Object.keys(s.modes).forEach(function (m) {
      series.push({ name: m + " %", type: "line", yAxisIndex: 1, data: s.modes[m] });
    });
    var slim = narrow(modesEl);
    chart(modesEl).setOption({
      animation: false,
      tooltip: { trigger: "axis", confine: true },
      legend: slim ? { type: "plain", top: 0, left: 0, right: 0, itemWidth: 14, itemGap: 6,
                       textStyle: { fontSize: 11 } }
                   : { bottom: 0 },
      grid: slim ? { left: 4, right: 4, top: 80, bottom: 4, containLabel: true }
                 : { left: 50, right: 50, top: 24, bottom: 50 },
      xAxis: { type: "category", data: data.years, axisLabel: axisLabel },
      yAxis: [{ type: "value", name: slim ? "" : data.labels.output, axisLabel: axisLabel },
              { type: "value", name: "%", max: 100, axisLabel: axisLabel }],
      series: series
    });
  }

  var mapEl = document.getElementById("map-chart");
  if (mapEl) {
    var mapChart = chart(mapEl);
    var select = document.getElementById("map-indicator");
    fetch(script.dataset.geojson).then(function (r) { return r.json(); }).then(function (geo) {
      // Regions are matched by their GB/T 2260 code; the file stores it as a number.
      geo.features.forEach(function (f) { f.properties.adcode = String(f.properties.adcode); });
      echarts.registerMap("jiaxing", geo);
      function decimals(key) {
        var d = (data.decimals || {})[key];
        return d === null || d === undefined ? 2 : d;
      }
      function draw() {
        var rows = data.map[select.value] || [];
        var values = rows.map(function (r) { return r.value; }).filter(function (v) { return v !== null; });
        var min = values.length ? Math.min.apply(null, values) : 0;
        var max = values.length ? Math.max.apply(null, values) : 1;
        mapChart.setOption({
          animation: false,
          tooltip: { trigger: "item", confine: true, formatter: function (p) {
            var row = rows.find(function (r) { return r.name === p.name; });
            var v = row ? row.text : "—";  // formatted by the server, as the table
            return (row ? row.label : p.name) + ": " + v;
          } },
          // The legend rounds as the table does (the indicator's places in the policy file).
          visualMap: { min: min, max: max === min ? min + 1 : max, calculable: true, left: 8, bottom: 8,
                       precision: decimals(select.value),
                       itemHeight: narrow(mapEl) ? 80 : 140, textStyle: { fontSize: 11 },
                       inRange: { color: ["#fde6d8", "#f4a582", "#d6604d", "#b2182b"] } },
          series: [{ type: "map", map: "jiaxing", nameProperty: "adcode", roam: true, scaleLimit: { min: 1, max: 8 },
                     label: { show: true, formatter: function (p) {
                       var row = rows.find(function (r) { return r.name === p.name; });
                       return row ? row.label : p.name; } },
                     data: rows.filter(function (r) { return r.value !== null; })
                               .map(function (r) { return { name: r.name, value: r.value }; }) }]
        }, true);
        mapEl.dataset.drawn = "1";
      }
      select.addEventListener("change", draw);
      // A click on a county opens its own cockpit (the table's links do the same).
      mapChart.on("click", function (p) {
        var row = (data.map[select.value] || []).find(function (r) { return r.name === p.name; });
        if (row) {
          window.location.search = "?region=" + encodeURIComponent(row.name) + "&year=" + data.year;
        }
      });
      draw();
    });
  }
  // Resize with the window and when a phone turns (some browsers fire orientationchange
  // before the new size is known, hence the short delay).
  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  var pending = null;
  function resizeSoon() { clearTimeout(pending); pending = setTimeout(resizeAll, 150); }
  window.addEventListener("resize", resizeSoon);
  window.addEventListener("orientationchange", resizeSoon);
  if (screen.orientation && screen.orientation.addEventListener) {
    screen.orientation.addEventListener("change", resizeSoon);
  }
})();
