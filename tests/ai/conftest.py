"""Fixtures for the model engine tests: `chat_server`, a local Chat Completions server."""

from tests.ai.chat_server import chat_server as chat_server
