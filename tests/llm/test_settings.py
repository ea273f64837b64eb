"""LLM settings from the environment, validated with clear errors."""

from __future__ import annotations

import pytest

from bot.service.sections import reveal
from bot.service.settings import Settings, SettingsError


def test_defaults_are_the_offline_curated_composer() -> None:
    settings = Settings.from_env({})
    assert settings.composer == "curated"
    assert settings.llm.deadline_s == 20.0 and settings.llm.model == "gpt-4o-mini"


def test_mspbot_names_win_over_openai_names() -> None:
    env = {"MSPBOT_COMPOSER": "LLM", "OPENAI_BASE_URL": "http://localhost:11434/v1/",
           "OPENAI_API_KEY": "sk-openai", "MSPBOT_LLM_MODEL": "llama3.1",
           "MSPBOT_LLM_DEADLINE_S": "7.5"}
    settings = Settings.from_env(env)
    assert settings.composer == "llm"
    assert settings.llm.base_url == "http://localhost:11434/v1"
    assert reveal(settings.llm.api_key) == "sk-openai" and settings.llm.model == "llama3.1"
    assert settings.llm.deadline_s == 7.5
    env |= {"MSPBOT_LLM_BASE_URL": "http://vllm:8000/v1", "MSPBOT_LLM_API_KEY": "sk-mine"}
    settings = Settings.from_env(env)
    assert settings.llm.base_url == "http://vllm:8000/v1"
    assert reveal(settings.llm.api_key) == "sk-mine"
    assert "sk-mine" not in repr(settings)


def test_azure_settings() -> None:
    settings = Settings.from_env({
        "MSPBOT_COMPOSER": "llm", "AZURE_OPENAI_ENDPOINT": "https://contoso.openai.azure.com",
        "AZURE_OPENAI_API_KEY": "az", "MSPBOT_LLM_AZURE_DEPLOYMENT": "gpt-4o-support",
    })
    assert settings.llm.is_azure and reveal(settings.llm.api_key) == "az"
    assert settings.llm.azure_api_version == "2024-10-21"


@pytest.mark.parametrize(("env", "message"), [
    ({"MSPBOT_COMPOSER": "gpt"}, "must be 'curated' or 'llm'"),
    ({"MSPBOT_COMPOSER": "llm"}, "needs an endpoint"),
    ({"MSPBOT_LLM_BASE_URL": "localhost:11434"}, "http(s) URL"),
    ({"MSPBOT_LLM_DEADLINE_S": "soon"}, "number of seconds"),
    ({"MSPBOT_LLM_DEADLINE_S": "-1"}, "positive"),
    ({"MSPBOT_LLM_TEMPERATURE": "3"}, "between 0 and 2"),
    ({"MSPBOT_LLM_MAX_TOKENS": "0"}, "positive"),
    ({"MSPBOT_LLM_AZURE_ENDPOINT": "https://x.openai.azure.com"}, "AZURE_DEPLOYMENT"),
    ({"MSPBOT_LLM_AZURE_ENDPOINT": "https://x.openai.azure.com",
      "MSPBOT_LLM_AZURE_DEPLOYMENT": "d", "MSPBOT_LLM_BASE_URL": "http://h/v1"}, "not both"),
])
def test_bad_settings_are_refused_with_the_reason(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Settings.from_env(env)
