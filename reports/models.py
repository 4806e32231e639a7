"""Monitoring snapshots and evaluation dossiers (built in the monitoring issue)."""
