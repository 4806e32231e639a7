// Dashboard charts (Chart.js, vendored). Data comes from json_script blocks as plain JSON numbers:
// never from localised text in the page ("3,3" is NaN to JavaScript). The tables are the text version.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  const trendElement = document.getElementById("trend-data");
  const trendCanvas = document.getElementById("trend-chart");
  if (trendElement && trendCanvas) {
    const data = JSON.parse(trendElement.textContent);
    new Chart(trendCanvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.values, spanGaps: false, borderColor: "#0d6efd" }],
      },
      options: { animation: false, scales: { y: { beginAtZero: true } } },
    });
  }
  const comparisonElement = document.getElementById("comparison-data");
  const comparisonCanvas = document.getElementById("comparison-chart");
  if (comparisonElement && comparisonCanvas) {
    const comparison = JSON.parse(comparisonElement.textContent);
    new Chart(comparisonCanvas, {
      type: "bar",
      data: {
        labels: comparison.labels,
        datasets: [{ label: comparison.label, data: comparison.values, backgroundColor: "#6ea8fe" }],
      },
      options: { animation: false, scales: { y: { beginAtZero: true } } },
    });
  }
})();
