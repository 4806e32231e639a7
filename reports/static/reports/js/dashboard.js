// Dashboard charts (Chart.js, vendored). Data comes from json_script blocks and the comparison
// table, so the numbers on the page and in the chart are the same (the table is the text version).
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
  const comparisonCanvas = document.getElementById("comparison-chart");
  const rows = document.querySelectorAll("#comparison-table tbody tr");
  if (comparisonCanvas && rows.length) {
    const labels = [];
    const values = [];
    rows.forEach(function (row) {
      labels.push(row.dataset.label);
      values.push(row.dataset.value === "" ? null : Number(row.dataset.value));
    });
    new Chart(comparisonCanvas, {
      type: "bar",
      data: { labels: labels, datasets: [{ label: trendElement ? JSON.parse(trendElement.textContent).label : "", data: values, backgroundColor: "#6ea8fe" }] },
      options: { animation: false, scales: { y: { beginAtZero: true } } },
    });
  }
})();
