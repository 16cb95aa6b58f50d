"""Exporters over the report model: HTML, JSON, CSV and the precheck receipt."""
