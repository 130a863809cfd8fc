import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFromBody, describeError, fieldLabel, readFieldErrors } from "./apiError";

describe("apiErrorFromBody", () => {
  it("reads the error envelope", () => {
    const error = apiErrorFromBody(422, {
      error: {
        code: "validation_failed",
        message: "invalid input",
        details: [{ path: ["numberOfIdeas"], message: "must be <= 4" }],
      },
    });
    expect(error).toMatchObject({ status: 422, code: "validation_failed", message: "invalid input" });
    expect(error.fieldErrors).toEqual([{ path: ["numberOfIdeas"], message: "must be <= 4" }]);
  });

  it("copes with bodies that are not the envelope", () => {
    expect(apiErrorFromBody(502, "<html>Bad gateway</html>")).toMatchObject({
      status: 502,
      code: "http_502",
      message: "",
    });
    expect(apiErrorFromBody(500, null).code).toBe("http_500");
  });
});

describe("field errors", () => {
  it("accepts the contract's list and a plain map", () => {
    expect(readFieldErrors([{ path: ["genrePaths", 0], message: "unknown genre" }, "general problem"])).toEqual([
      { path: ["genrePaths", 0], message: "unknown genre" },
      { path: [], message: "general problem" },
    ]);
    expect(readFieldErrors({ username: "too short" })).toEqual([{ path: ["username"], message: "too short" }]);
    expect(readFieldErrors(null)).toEqual([]);
  });

  it("labels fields in Chinese", () => {
    expect(fieldLabel(["genrePaths", 1])).toBe("类型 第 2 项");
    expect(fieldLabel(["body", "numberOfIdeas"])).toBe("创意数量");
    expect(fieldLabel(["body"])).toBe("梗概");
    expect(fieldLabel(["somethingElse"])).toBe("somethingElse");
    expect(fieldLabel([])).toBe("");
  });
});

describe("describeError", () => {
  it("words errors for the writer, by context", () => {
    expect(describeError(new ApiError(401, "unauthorized", "bad credentials"), "login")).toEqual({
      summary: "用户名或密码错误",
      detail: "bad credentials",
      fields: [],
    });
    expect(describeError(new ApiError(409, "conflict", ""), "register").summary).toBe("该用户名已被注册");
    expect(describeError(new ApiError(0, "network_error", "")).summary).toContain("无法连接服务器");
    expect(describeError(new ApiError(503, "unavailable", "")).summary).toContain("服务器出错");
  });

  it("lists field problems of a 422", () => {
    const error = new ApiError(422, "validation_failed", "invalid", [
      { path: ["password"], message: "at least 8 characters" },
    ]);
    expect(describeError(error, "register").fields).toEqual([{ label: "密码", message: "at least 8 characters" }]);
  });

  it("describes errors that did not come from the API", () => {
    expect(describeError(new Error("boom"))).toEqual({ summary: "出现了意外错误", detail: "boom", fields: [] });
  });
});
