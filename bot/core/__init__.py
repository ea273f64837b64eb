"""The platform-neutral bot: what comes in and goes out, the decision and the answer."""
