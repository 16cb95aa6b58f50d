"""The checking engine: no Qt here. Pipelines of stages over DuckDB."""
