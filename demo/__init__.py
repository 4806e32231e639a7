"""Development data: the demo region (``seed_demo``) and the benchmark region (``seed_scale``).

The top layer: it may import every app, and no app imports it, so the product (opvang, cases,
children, plans, reports) holds only its domain. Every demo write goes through the apps'
services; only ``seed_scale`` bulk-inserts, on purpose (see its docstring).
"""
