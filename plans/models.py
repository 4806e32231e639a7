"""The gedragen plan (built in the plans issue)."""
