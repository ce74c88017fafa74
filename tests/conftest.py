"""Shared fixtures: tiny schema-valid tables for the notebook, view and batch tests."""

pytest_plugins = ("notebook_fixtures",)
