"""An OpenAI-compatible `/v1/chat/completions` that streams canned answers in 1–4 character chunks.

Control endpoints for tests: `/_demo/stats` (requests per template, open streams), `/_demo/faults` (queue, list
and clear faults, see `faults`) and `/_demo/requests` (what happened to each request, see `records`).
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .content import answer
from .faults import ERROR_REPLIES, FaultQueue, FaultsRequest, error_body
from .records import RequestLog
from .reply import shape
from .stream import Completion, CompletionResponse


class DemoModel:
    def __init__(self, chunk_delay_s: float = 0.03, model: str = "demo-model") -> None:
        self.chunk_delay_s = chunk_delay_s
        self.model = model
        self.requests: Counter[str] = Counter()
        self.open_streams = 0
        self.faults = FaultQueue()
        self.log = RequestLog()

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self.completions, methods=["POST"]),
                Route("/v1/models", self.models, methods=["GET"]),
                Route("/_demo/stats", self.stats, methods=["GET"]),
                Route("/_demo/faults", self.list_faults, methods=["GET"]),
                Route("/_demo/faults", self.add_faults, methods=["POST"]),
                Route("/_demo/faults", self.clear_faults, methods=["DELETE"]),
                Route("/_demo/requests", self.list_requests, methods=["GET"]),
                Route("/_demo/requests", self.clear_requests, methods=["DELETE"]),
            ]
        )

    async def models(self, request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": self.model, "object": "model", "owned_by": "demo"}]})

    async def stats(self, request: Request) -> Response:
        return JSONResponse({"requests": dict(self.requests), "openStreams": self.open_streams})

    async def list_faults(self, request: Request) -> Response:
        return JSONResponse({"faults": self.faults.pending()})

    async def add_faults(self, request: Request) -> Response:
        try:
            faults = FaultsRequest.model_validate_json(await request.body()).faults
        except ValidationError as exc:
            details = [{"path": list(e["loc"]), "problem": e["msg"]} for e in exc.errors()]
            error = {"code": "invalid_faults", "message": "the faults are not valid", "details": details}
            return JSONResponse({"error": error}, status_code=422)
        self.faults.add(faults)
        return JSONResponse({"faults": self.faults.pending()})

    async def clear_faults(self, request: Request) -> Response:
        return JSONResponse({"cleared": self.faults.clear(), "faults": []})

    async def list_requests(self, request: Request) -> Response:
        return JSONResponse(self.log.as_json())

    async def clear_requests(self, request: Request) -> Response:
        self.log.clear()
        return Response(status_code=204)

    async def completions(self, request: Request) -> Response:
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        if not isinstance(body, dict):
            message = "We could not parse the JSON body of your request."
            error = {"message": message, "type": "invalid_request_error", "param": None, "code": None}
            return JSONResponse({"error": error}, status_code=400)
        template = request.headers.get("x-template-id", "") or "unknown"
        self.requests[template] += 1
        messages = body.get("messages") or []
        prompt = "\n".join(str(m.get("content", "")) for m in messages if isinstance(m, dict))
        fault = self.faults.take(template, prompt)
        record = self.log.start(template, fault.kind.value if fault else None)
        headers = {"x-demo-request-id": record.id}
        if fault and fault.kind in ERROR_REPLIES:
            refusal = ERROR_REPLIES[fault.kind]
            if refusal.status == 429 and fault.retry_after_s is not None:
                headers["retry-after"] = str(fault.retry_after_s)
            record.status = refusal.status
            record.finish(completed=True)
            return JSONResponse(error_body(refusal), status_code=refusal.status, headers=headers)
        text = answer(request.headers.get("x-template-id"), prompt)
        completion = Completion(
            reply=shape(text, fault.kind if fault else None, random.Random(record.id)),
            fault=fault,
            model=self.model,
            created=int(time.time()),
            stream=bool(body.get("stream")),
            include_usage=bool((body.get("stream_options") or {}).get("include_usage")),
            chunk_delay_s=self.chunk_delay_s,
        )
        return CompletionResponse(completion, record, self._streams_changed)

    def _streams_changed(self, change: int) -> None:
        self.open_streams += change
