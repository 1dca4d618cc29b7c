"""Periodic reports (6-month, annual, any range) built from plans, tasks, indicators and budgets."""
