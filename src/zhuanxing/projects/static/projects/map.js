/* Projects by county on the map: total investment (万元) per county-level unit. */
(function () {
  "use strict";
  var el = document.getElementById("project-map");
  var script = document.getElementById("project-map-script");
  if (!el || !script || typeof echarts === "undefined") { return; }
  var rows = JSON.parse(document.getElementById("project-map-data").textContent);
  var chart = echarts.init(el, null, { renderer: "canvas" });
  fetch(script.dataset.geojson).then(function (r) { return r.json(); }).then(function (geo) {
    geo.features.forEach(function (f) { f.properties.adcode = String(f.properties.adcode); });
    echarts.registerMap("jiaxing-projects", geo);
    var values = rows.map(function (r) { return r.value; });
    var max = values.length ? Math.max.apply(null, values) : 1;
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: function (p) {
        var row = rows.find(function (r) { return r.name === p.name; });
        return row ? row.label + ": " + row.text : p.name;
      } },
      visualMap: { min: 0, max: max || 1, calculable: true, left: 8, bottom: 8,
                   inRange: { color: ["#fde6d8", "#f4a582", "#d6604d", "#b2182b"] } },
      series: [{ type: "map", map: "jiaxing-projects", nameProperty: "adcode", roam: false,
                 label: { show: true, formatter: function (p) {
                   var row = rows.find(function (r) { return r.name === p.name; });
                   return row ? row.label : ""; } },
                 data: rows.map(function (r) { return { name: r.name, value: r.value }; }) }]
    }, true);
    el.dataset.drawn = "1";
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
