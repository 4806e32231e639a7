"""Load run: caseworkers browsing their caseload, households, children and plans.

Each simulated user logs in through the login form as one of the users in BENCH_USERS
(bench/load_users.py), then keeps opening pages reachable from their caseload, as a person would,
with 1–3 seconds between clicks. Run by bench/run against gunicorn on 127.0.0.1.
"""

from __future__ import annotations

import itertools
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "Opvang-demo-2026")
USERS = itertools.cycle([u for u in os.environ.get("BENCH_USERS", "").split(",") if u])
HOUSEHOLD = re.compile(r'href="(/cases/households/\d+/)"')
CHILD = re.compile(r'href="(/children/\d+/)"')
PLAN = re.compile(r'href="(/plans/\d+/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Caseworker(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.username = next(USERS)
        page = self.client.get("/login/", name="login form")
        match = CSRF.search(page.text)
        if match is None:
            raise RuntimeError("no CSRF token on the login page")
        token = match.group(1)
        with self.client.post(
            "/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/login/"},
            name="login",
            catch_response=True,
        ) as response:
            if "/login/" in response.url:
                response.failure(f"login failed for {self.username}")
        self.households: list[str] = []
        self.caseload()

    @task(2)
    def caseload(self) -> None:
        response = self.client.get("/cases/", name="caseload")
        self.households = HOUSEHOLD.findall(response.text) or self.households

    @task(4)
    def household_then_child_or_plan(self) -> None:
        if not self.households:
            return
        page = self.client.get(random.choice(self.households), name="household")  # noqa: S311
        links = CHILD.findall(page.text)
        if links:
            self.client.get(random.choice(links), name="child")  # noqa: S311
        plans = PLAN.findall(page.text)
        if plans:
            self.client.get(plans[0], name="plan")
