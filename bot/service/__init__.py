"""Running the bot: settings, wiring, logs and metrics."""
