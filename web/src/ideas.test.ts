import { describe, expect, it } from "vitest";
import { initialExecutionView, reduceExecution } from "./executionReducer";
import { finalIdeaCards, finalIdeas, ideasFromText, knownFinalIdeas, partialIdeaCards } from "./ideas";
import { EXECUTION_ID, event } from "./testEvents";

describe("ideasFromText", () => {
  it("shows a card as soon as its title begins", () => {
    expect(ideasFromText('{"ideas":[{"ti')).toEqual([]);
    expect(ideasFromText('{"ideas":[{"title":"')).toEqual([{ title: "", body: "" }]);
    expect(ideasFromText('{"ideas":[{"title":"逆袭","body":"她')).toEqual([{ title: "逆袭", body: "她" }]);
  });

  it("reads a fenced or bare list and skips items that are not ideas", () => {
    expect(ideasFromText('```json\n{"ideas":[{"title":"A","body":"B"},{"title":"C"')).toEqual([
      { title: "A", body: "B" },
      { title: "C", body: "" },
    ]);
    expect(ideasFromText('[{"title":"A"}, 3, "x", {"other":1}]')).toEqual([{ title: "A", body: "" }]);
    expect(ideasFromText('{"ideas":"oops"}')).toEqual([]);
    expect(ideasFromText("")).toEqual([]);
  });
});

describe("final ideas", () => {
  const outputs = {
    ideas: [
      { artifactId: "b", title: "二", body: "乙", genre: "虐恋", orderIndex: 1 },
      { artifactId: "a", title: "一", body: "甲", genre: "甜宠", orderIndex: 0 },
      { title: "no id" },
    ],
  };

  it("reads outputs in order and skips ideas without an artifact id", () => {
    expect(finalIdeas(outputs).map((idea) => idea.artifactId)).toEqual(["a", "b"]);
    expect(finalIdeas(null)).toEqual([]);
  });

  it("prefers the node outputs, then the selection's initial data", () => {
    const fromInput = reduceExecution(
      initialExecutionView(EXECUTION_ID),
      event(
        "user_input_required",
        { nodeId: "select_idea", initialData: { ideas: outputs.ideas, selectedIdeaId: null } },
        1,
      ),
    );
    expect(knownFinalIdeas(fromInput).map((idea) => idea.title)).toEqual(["一", "二"]);
    const fromOutputs = reduceExecution(
      fromInput,
      event(
        "workflow_progress",
        { nodeId: "generate_ideas", status: "completed", progress: 66, outputs: { ideas: [outputs.ideas[0]] } },
        2,
      ),
    );
    expect(knownFinalIdeas(fromOutputs).map((idea) => idea.title)).toEqual(["二"]);
  });

  it("marks streaming cards and the one being written", () => {
    const cards = partialIdeaCards(
      [
        { title: "A", body: "x" },
        { title: "B", body: "" },
      ],
      true,
    );
    expect(cards.map((card) => [card.streaming, card.writing])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(partialIdeaCards([{ title: "A", body: "" }], false)[0]).toMatchObject({ streaming: false, writing: false });
    expect(finalIdeaCards(finalIdeas(outputs))[0]).toMatchObject({ artifactId: "a", streaming: false, genre: "甜宠" });
  });
});
