import { describe, expect, it } from "vitest";
import {
  GENRE_TREE,
  containsGenrePath,
  genrePathKey,
  genrePathLabel,
  isValidGenrePath,
  selectableGenrePaths,
} from "./genreTree";

describe("the genre tree", () => {
  it("has the two roots and their groups", () => {
    expect(GENRE_TREE.map((root) => root.name)).toEqual(["女频", "男频"]);
    expect(GENRE_TREE[0]?.children.map((group) => group.name)).toEqual(["爱情类", "设定类", "其他类型"]);
    expect(GENRE_TREE[1]?.children.map((group) => group.name)).toEqual(["设定类", "逆袭类", "其他类型"]);
  });

  it("accepts genres and sub-genres, and nothing else", () => {
    expect(isValidGenrePath(["女频", "爱情类", "甜宠"])).toBe(true);
    expect(isValidGenrePath(["女频", "爱情类", "霸总", "高冷型"])).toBe(true);
    expect(isValidGenrePath(["女频", "设定类", "重生", "重生"])).toBe(true);
    expect(isValidGenrePath(["男频", "其他类型", "后宫"])).toBe(true);
    expect(isValidGenrePath(["女频", "爱情类"])).toBe(false);
    expect(isValidGenrePath(["女频"])).toBe(false);
    expect(isValidGenrePath(["男频", "爱情类", "甜宠"])).toBe(false);
    expect(isValidGenrePath(["女频", "爱情类", "甜宠", "高冷型"])).toBe(false);
    expect(isValidGenrePath(["女频", "爱情类", "霸总", "高冷型", "x"])).toBe(false);
    expect(isValidGenrePath([1, 2, 3])).toBe(false);
  });

  it("lists every selectable path once per place in the tree, all valid", () => {
    const paths = selectableGenrePaths();
    expect(paths.every(isValidGenrePath)).toBe(true);
    expect(new Set(paths.map(genrePathKey)).size).toBe(paths.length);
    expect(paths).toContainEqual(["男频", "逆袭类", "金手指", "世界巨变"]);
    // 双胞胎 is a sub-genre of both 替身 and 萌宝.
    expect(paths.filter((path) => path.at(-1) === "双胞胎")).toHaveLength(2);
  });

  it("writes keys and labels the way the page and the prompt do", () => {
    expect(genrePathKey(["女频", "爱情类", "甜宠"])).toBe("女频/爱情类/甜宠");
    expect(genrePathLabel(["女频", "爱情类", "甜宠"])).toBe("女频 > 爱情类 > 甜宠");
    expect(containsGenrePath([["女频", "爱情类", "甜宠"]], ["女频", "爱情类", "甜宠"])).toBe(true);
    expect(containsGenrePath([["女频", "爱情类", "甜宠"]], ["女频", "爱情类"])).toBe(false);
  });
});
