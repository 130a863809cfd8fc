"""The product's workflows: definitions, prompt templates and what each node does with its data."""

from .programs import (
    PROGRAMS,
    ComputeNode,
    HistorySpec,
    HumanNode,
    LlmNode,
    NewArtifact,
    NodeContext,
    SourceSpec,
    Submission,
    WorkflowProgram,
)

__all__ = [
    "PROGRAMS",
    "ComputeNode",
    "HistorySpec",
    "HumanNode",
    "LlmNode",
    "NewArtifact",
    "NodeContext",
    "SourceSpec",
    "Submission",
    "WorkflowProgram",
]
