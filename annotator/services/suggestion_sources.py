"""The suggestion sources the window runs itself (rules, project memory, the model) and the rejections it
records: the window's door to `suggest` and the suggestion tables (the CLI's is services.suggestions)."""
from __future__ import annotations

from annotator.storage.suggestion_store import documents_to_suggest, model_version, reject, rejected, unreject
from annotator.suggest.memory import ProjectMemory
from annotator.suggest.pipeline import TrainingSettings, predict
from annotator.suggest.rules import rule_suggestions, with_figure_readings
from annotator.suggest.token_source import stored_tokens

__all__ = ["ProjectMemory", "TrainingSettings", "documents_to_suggest", "model_version", "predict", "reject",
           "rejected", "rule_suggestions", "stored_tokens", "unreject", "with_figure_readings"]
