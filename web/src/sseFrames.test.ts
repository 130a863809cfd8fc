import { describe, expect, it } from "vitest";
import { readSse, splitSse, type SseMessage } from "./sseFrames";

describe("server-sent events from a fetch body", () => {
  it("splits complete messages and keeps the unfinished tail", () => {
    const { messages, rest } = splitSse(
      'id: 0\nevent: workflow_node_start\ndata: {"a":1}\n\n: ping\n\nid: 1\r\nevent: transform_chunk\r\ndata: {"delta":"x"}\r\n\r\nid: 2\nevent: tr',
    );
    expect(messages).toEqual([
      { id: "0", event: "workflow_node_start", data: '{"a":1}' },
      { id: "1", event: "transform_chunk", data: '{"delta":"x"}' },
    ]);
    expect(rest).toBe("id: 2\nevent: tr");
  });

  it("reads messages split across network reads", async () => {
    const encoder = new TextEncoder();
    const parts = ["id: 0\nevent: a\nda", 'ta: {"k":"前', '"}\n\nid: 1\nevent: b\ndata: {}'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(encoder.encode(part));
        controller.close();
      },
    });
    const seen: SseMessage[] = [];
    await readSse(body, (message) => seen.push(message));
    expect(seen).toEqual([
      { id: "0", event: "a", data: '{"k":"前"}' },
      { id: "1", event: "b", data: "{}" },
    ]);
  });
});
