"""Councils and juries: one engine that turns members' score sheets into results (see README.md)."""
