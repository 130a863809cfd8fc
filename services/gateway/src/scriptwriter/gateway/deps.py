"""What routes need, gathered once in the composition root and reached through `request.app.state`."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from scriptwriter.servicekit.rpc import RpcCaller
from scriptwriter.servicekit.store_client import StoreClient

from .hub import LiveHub
from .ports import ControlBus, EventLog
from .settings import GatewaySettings


@dataclass
class Services:
    settings: GatewaySettings
    store: StoreClient
    orchestrator: RpcCaller
    llm: RpcCaller
    events: EventLog
    hub: LiveHub
    control: ControlBus


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found
