"""The direct baseline: one FastAPI process streaming the model straight to SSE, with no broker, no store and no
orchestrator. It reads the model with the llm-worker's own provider (the `openai` SDK) and writes one SSE event per
token, in the same `transform_chunk` shape the gateway sends; what the system adds is measured against it.

    python -m bench.direct --port 8100 --model-url http://127.0.0.1:8001
"""

from __future__ import annotations

import argparse
import json
from collections.abc import AsyncIterator

import uvicorn
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from scriptwriter.contracts.messages import ChatMessage
from scriptwriter.llm_worker.adapters.openai_provider import OpenAIProvider

PROMPTS = {
    "brainstorming": "请构思 4 个竖屏短剧故事创意。",
    "outline": "请为这个故事创意写一份 60 集、每集 2 分钟的竖屏短剧大纲。",
}


def create_app(model_url: str) -> FastAPI:
    app = FastAPI()
    provider = OpenAIProvider(f"{model_url}/v1", None, "demo-model", 120)

    @app.get("/stream/{template}/{marker}")
    async def stream(template: str, marker: str) -> StreamingResponse:
        prompt = [ChatMessage(role="user", content=f"{PROMPTS[template]}bench-{marker}")]

        async def events() -> AsyncIterator[bytes]:
            index = 0
            async for delta in provider.stream(template, prompt, 0.8):
                if delta.content:
                    data = json.dumps({"index": index, "delta": delta.content}, ensure_ascii=False)
                    index += 1
                    yield f"id: {index}\nevent: transform_chunk\ndata: {data}\n\n".encode()
            yield b"event: done\ndata: {}\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--model-url", required=True)
    args = parser.parse_args()
    uvicorn.run(create_app(args.model_url), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
