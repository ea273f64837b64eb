// Draws the figures page's charts from the JSON the server put in #chart-data.
(function () {
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { answer: "#2f9e55", escalate: "#d9480f", decline: "#868e96", clarify: "#f2b600",
                  helpful: "#2f9e55", not_helpful: "#c92a2a" };
  function series(map) {
    return Object.keys(map).map(function (name) {
      return { label: name, data: map[name], backgroundColor: colours[name] || "#4c6ef5" };
    });
  }
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { new Chart(canvas, config); }
  }
  var stacked = { responsive: true, animation: false,
                  scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } };
  draw("chart-actions", { type: "bar", data: { labels: data.days, datasets: series(data.actions) },
                          options: stacked });
  draw("chart-feedback", { type: "bar", data: { labels: data.days, datasets: series(data.feedback) },
                           options: stacked });
  function shares(rows) {
    return { labels: rows.map(function (r) { return r[0] + " (" + r[2] + ")"; }),
             datasets: [{ label: "% answered", data: rows.map(function (r) { return r[1]; }),
                          backgroundColor: "#4c6ef5" }] };
  }
  var horizontal = { indexAxis: "y", responsive: true, animation: false,
                     scales: { x: { min: 0, max: 100 } }, plugins: { legend: { display: false } } };
  draw("chart-topic", { type: "bar", data: shares(data.by_topic), options: horizontal });
  draw("chart-client", { type: "bar", data: shares(data.by_client), options: horizontal });
  draw("chart-llm", { type: "bar", data: { labels: data.days, datasets: [
      { type: "bar", label: "fallbacks", data: data.fallbacks, backgroundColor: "#c92a2a", yAxisID: "y" },
      { type: "line", label: "tokens", data: data.tokens, borderColor: "#4c6ef5", yAxisID: "tokens" }] },
    options: { responsive: true, animation: false, scales: {
      y: { beginAtZero: true, position: "left" },
      tokens: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } } } });
})();
