"""Qt only: windows, the stepper, views, charts and thin workers over the engine."""
