"""The dashboard's location comparison draws bars in a real browser with the UI in Dutch (issue 15).

The numbers once reached the chart as localised text ("10,0"), which JavaScript reads as NaN: an
empty chart. Now they come as JSON; this test reads the Chart.js dataset and the canvas pixels.
"""

from __future__ import annotations

from opvang.tests.factories import PASSWORD

from .conftest import login, url, visit


def test_the_comparison_chart_draws_bars_with_the_ui_in_dutch(page, live_server, world) -> None:
    login(page, live_server, world.policy_officer.username, PASSWORD)
    # Each location has one adult and one child since 10 January 2026 in 20 places: 10,0 % occupancy
    # in any whole quarter after that; the current quarter's snapshots are made on demand.
    page.goto(url(live_server, "/reports/dashboard/?period_kind=quarter&indicator=occupancy"))
    visit(page, "15-dashboard-chart", "01-comparison")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("#comparison-table").get_by_text("10,0%").count() == 3  # Dutch on the page
    dataset = page.evaluate(
        """() => {
            const chart = Chart.getChart("comparison-chart");
            return {labels: chart.data.labels, values: chart.data.datasets[0].data};
        }"""
    )
    assert dataset == {"labels": ["A1", "A2", "B1"], "values": [10.0, 10.0, 10.0]}
    # And the bars are really drawn: the canvas holds pixels in the bars' colour (#6ea8fe).
    bar_pixels = page.evaluate(
        """() => {
            const canvas = document.getElementById("comparison-chart");
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let n = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i] === 0x6e && data[i + 1] === 0xa8 && data[i + 2] === 0xfe) n++;
            }
            return n;
        }"""
    )
    assert bar_pixels > 100
