// Stands in for EventSource: one outline execution whose `generate_outline` streams a given text at a
// given rate, as the gateway would send it. The test starts the stream with `window.__benchStart()`.
(() => {
  const config = window.__benchConfig;
  const executionId = "ex_bench";
  const transformId = "tr_bench";
  let nextId = 1;

  class FakeEventSource {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.onopen = null;
      this.onerror = null;
      this.listeners = new Map();
      window.__benchSource = this;
      setTimeout(() => {
        this.readyState = 1;
        if (this.onopen) this.onopen(new Event("open"));
        this.emit("execution_state", config.snapshot ?? {
          executionId,
          execution: { executionId, workflowId: "outline", status: "running", currentNode: "generate_outline", progress: 33 },
          currentNode: "generate_outline",
          nodeStates: {
            configure_outline: {
              status: "completed",
              attempt: 1,
              outputs: { settings: { totalEpisodes: 80, episodeDuration: 2, requirements: "" } },
            },
            generate_outline: { status: "running", attempt: 1, transformId },
            edit_outline: { status: "pending", attempt: 0 },
          },
          streamingStates: { generate_outline: { transformId, text: "", status: "streaming" } },
          pendingInputs: {},
        });
      }, 0);
    }
    addEventListener(type, listener) {
      if (!this.listeners.has(type)) this.listeners.set(type, new Set());
      this.listeners.get(type).add(listener);
    }
    removeEventListener(type, listener) {
      this.listeners.get(type)?.delete(listener);
    }
    close() {
      this.readyState = 2;
    }
    emit(type, data) {
      const event = new MessageEvent(type, { data: JSON.stringify(data), lastEventId: String(nextId++) });
      for (const listener of this.listeners.get(type) ?? []) listener(event);
    }
  }
  window.EventSource = FakeEventSource;

  window.__benchStart = () => {
    const text = config.text;
    const count = config.chunks;
    const size = Math.ceil(text.length / count);
    const longTasks = [];
    const longTaskStarts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks.push(entry.duration);
        longTaskStarts.push(Math.round(entry.startTime - started));
      }
    }).observe({ type: "longtask" });
    // The longest gap between two ticks of a 2 ms timer bounds the longest main-thread task.
    const started = performance.now();
    window.__benchResult = { longTasks, longTaskStarts, done: false, sent: 0, longestGapMs: 0 };
    let lastTick = started;
    let index = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      window.__benchResult.longestGapMs = Math.max(window.__benchResult.longestGapMs, now - lastTick);
      lastTick = now;
      const due = Math.min(count, Math.floor(((performance.now() - started) / 1000) * config.chunksPerSecond) + 1);
      while (index < due) {
        const delta = text.slice(index * size, (index + 1) * size);
        window.__benchSource.emit("transform_chunk", { executionId, nodeId: "generate_outline", transformId, index, delta });
        index += 1;
      }
      window.__benchResult.sent = index;
      if (index >= count) {
        clearInterval(timer);
        window.__benchResult.seconds = (performance.now() - started) / 1000;
        window.__benchResult.done = true;
      }
    }, 2);
  };
})();
