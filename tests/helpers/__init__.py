"""Drivers and builders the tests share; nothing here imports conftest or a test module."""
