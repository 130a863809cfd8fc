"""The product's workflows: definitions, prompt templates and what each node does with its data."""

from .programs import PROGRAMS, HumanNode, LlmNode, NewArtifact, NodeContext, Submission, WorkflowProgram

__all__ = ["PROGRAMS", "HumanNode", "LlmNode", "NewArtifact", "NodeContext", "Submission", "WorkflowProgram"]
