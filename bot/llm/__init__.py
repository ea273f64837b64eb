"""Grounded LLM answers.

Only `bot.llm.client` imports `openai`; everything else here talks to the small
`LLMClient` protocol in `bot.llm.types`, so tests and other providers plug in easily.
"""
