import { describe, expect, it } from "vitest";
import {
  addGenrePath,
  removeGenrePath,
  requirementsFromInput,
  requirementsHints,
  requirementsPayload,
  setGenreProportion,
  toggleGenrePath,
} from "./brainstormRequirements";

const INITIAL = { platform: "抖音", genrePaths: [], genreProportions: null, requirements: "", numberOfIdeas: 3 };
const SWEET = ["女频", "爱情类", "甜宠"];
const CEO = ["女频", "爱情类", "霸总", "高冷型"];
const REVENGE = ["女频", "其他类型", "复仇"];
const WAR_GOD = ["男频", "逆袭类", "战神"];

describe("requirementsFromInput", () => {
  it("reads the node's initial data", () => {
    expect(requirementsFromInput(INITIAL)).toEqual({
      platform: "抖音",
      genrePaths: [],
      genreProportions: null,
      requirements: "",
      numberOfIdeas: 3,
    });
  });

  it("lets a saved draft override the initial data key by key", () => {
    const form = requirementsFromInput(INITIAL, { platform: "快手", genrePaths: [SWEET, CEO], requirements: "要反转" });
    expect(form.platform).toBe("快手");
    expect(form.genrePaths).toEqual([SWEET, CEO]);
    expect(form.genreProportions).toEqual([50, 50]);
    expect(form.requirements).toBe("要反转");
    expect(form.numberOfIdeas).toBe(3);
  });

  it("keeps valid saved proportions and repairs broken ones", () => {
    expect(requirementsFromInput({ genrePaths: [SWEET, CEO], genreProportions: [30, 70] }).genreProportions).toEqual([
      30, 70,
    ]);
    expect(requirementsFromInput({ genrePaths: [SWEET, CEO], genreProportions: [1, 3] }).genreProportions).toEqual([
      25, 75,
    ]);
    expect(requirementsFromInput({ genrePaths: [SWEET, CEO], genreProportions: [100] }).genreProportions).toEqual([
      50, 50,
    ]);
    expect(requirementsFromInput({ genrePaths: [SWEET], genreProportions: [100] }).genreProportions).toBeNull();
  });

  it("survives data of the wrong shape", () => {
    const form = requirementsFromInput("nonsense", {
      genrePaths: [SWEET, "x", [1], SWEET, CEO, REVENGE, WAR_GOD],
      numberOfIdeas: "2",
    });
    expect(form.platform).toBe("抖音");
    expect(form.genrePaths).toEqual([SWEET, CEO, REVENGE]);
    expect(form.numberOfIdeas).toBe(3);
    expect(requirementsFromInput(null, { numberOfIdeas: null }).numberOfIdeas).toBeNull();
  });
});

describe("editing genre paths", () => {
  const empty = requirementsFromInput(INITIAL);

  it("adds paths with equal shares, up to three", () => {
    const one = addGenrePath(empty, SWEET);
    expect(one.genreProportions).toBeNull();
    const two = addGenrePath(one, CEO);
    expect(two.genreProportions).toEqual([50, 50]);
    const three = addGenrePath(two, REVENGE);
    expect(three.genreProportions).toEqual([34, 33, 33]);
    expect(addGenrePath(three, WAR_GOD)).toBe(three);
    expect(addGenrePath(two, SWEET)).toBe(two);
  });

  it("adjusts the other shares when one is edited", () => {
    const three = addGenrePath(addGenrePath(addGenrePath(empty, SWEET), CEO), REVENGE);
    const edited = setGenreProportion(three, 0, 60);
    expect(edited.genreProportions).toEqual([60, 20, 20]);
  });

  it("removes a path and rescales, back to null for one path", () => {
    const two = setGenreProportion(addGenrePath(addGenrePath(empty, SWEET), CEO), 0, 80);
    const three = addGenrePath(two, REVENGE);
    // [34, 33, 33] without the last share rescales to [51, 49].
    expect(removeGenrePath(three, 2).genreProportions).toEqual([51, 49]);
    expect(removeGenrePath(two, 0)).toMatchObject({ genrePaths: [CEO], genreProportions: null });
    expect(toggleGenrePath(two, SWEET).genrePaths).toEqual([CEO]);
    expect(toggleGenrePath(two, REVENGE).genrePaths).toEqual([SWEET, CEO, REVENGE]);
  });
});

describe("requirementsPayload", () => {
  it("sends null proportions for a single path and the list otherwise", () => {
    const one = addGenrePath(requirementsFromInput(INITIAL), SWEET);
    expect(requirementsPayload(one)).toEqual({
      platform: "抖音",
      genrePaths: [SWEET],
      genreProportions: null,
      requirements: "",
      numberOfIdeas: 3,
    });
    expect(requirementsPayload(addGenrePath(one, CEO)).genreProportions).toEqual([50, 50]);
  });

  it("hints at what the server will refuse", () => {
    expect(requirementsHints(requirementsFromInput(INITIAL))).toEqual(["请至少选择一个类型"]);
    const form = { ...addGenrePath(requirementsFromInput(INITIAL), SWEET), numberOfIdeas: 5 };
    expect(requirementsHints(form)).toEqual(["创意数量应为 1–4"]);
  });
});
