/**
 * Errors of the HTTP API (`{"error":{"code","message","details"}}`) and their
 * wording for the writer.
 */

export interface FieldError {
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** The HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }

  get fieldErrors(): FieldError[] {
    return readFieldErrors(this.details);
  }
}

/** Builds an ApiError from a response status and its (possibly non-JSON) body. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const error =
    typeof body === "object" && body !== null && "error" in body ? (body as { error: unknown }).error : undefined;
  if (typeof error === "object" && error !== null) {
    const fields = error as Record<string, unknown>;
    return new ApiError(
      status,
      typeof fields.code === "string" ? fields.code : `http_${status}`,
      typeof fields.message === "string" ? fields.message : "",
      fields.details ?? null,
    );
  }
  return new ApiError(status, `http_${status}`, "");
}

function readPath(value: unknown): (string | number)[] {
  if (Array.isArray(value)) {
    return value.filter((p): p is string | number => typeof p === "string" || typeof p === "number");
  }
  if (typeof value === "string") return value.split(/[./]/).filter(Boolean);
  return [];
}

/** Accepts `[{path, message}]` (the contract) and, leniently, `{field: message}`. */
export function readFieldErrors(details: unknown): FieldError[] {
  if (Array.isArray(details)) {
    return details.flatMap((item: unknown): FieldError[] => {
      if (typeof item === "string") return [{ path: [], message: item }];
      if (typeof item !== "object" || item === null) return [];
      const fields = item as Record<string, unknown>;
      const message =
        typeof fields.message === "string" ? fields.message : typeof fields.msg === "string" ? fields.msg : "";
      return [{ path: readPath(fields.path ?? fields.loc ?? fields.field), message }];
    });
  }
  if (typeof details === "object" && details !== null) {
    return Object.entries(details as Record<string, unknown>).map(([field, message]) => ({
      path: readPath(field),
      message: typeof message === "string" ? message : JSON.stringify(message),
    }));
  }
  return [];
}

const FIELD_LABELS: Record<string, string> = {
  username: "用户名",
  password: "密码",
  platform: "平台",
  genrePaths: "类型",
  genreProportions: "类型比例",
  requirements: "特殊要求",
  numberOfIdeas: "创意数量",
  selectedIdeaId: "所选创意",
  title: "标题",
  body: "梗概",
  workflowId: "工作流",
};

/** `["genrePaths", 0]` → `类型 第 1 项`. */
export function fieldLabel(path: readonly (string | number)[]): string {
  // Validation libraries often prefix the request body's fields with "body".
  const parts = path.length > 1 && path[0] === "body" ? path.slice(1) : path;
  if (parts.length === 0) return "";
  return parts
    .map((part) =>
      typeof part === "number" || /^\d+$/.test(part) ? `第 ${Number(part) + 1} 项` : (FIELD_LABELS[part] ?? part),
    )
    .join(" ");
}

export type ErrorContext = "login" | "register" | "default";

export interface ErrorDescription {
  summary: string;
  /** The server's own message, when it adds something. */
  detail: string | null;
  fields: { label: string; message: string }[];
}

function summaryFor(error: ApiError, context: ErrorContext): string {
  switch (error.status) {
    case 0:
      return "无法连接服务器，请确认服务已启动后重试";
    case 400:
      return "请求格式有误";
    case 401:
      return context === "login" ? "用户名或密码错误" : "登录已失效，请重新登录";
    case 403:
      return context === "register" ? "当前未开放注册" : "没有权限执行此操作";
    case 404:
      return "找不到对应的内容，可能已被删除";
    case 409:
      return context === "register" ? "该用户名已被注册" : "当前状态不允许此操作（可能已经提交过）";
    case 413:
      return "内容太长了，请精简后再试";
    case 422:
      return "输入未通过校验，请检查以下内容";
    case 429:
      return "操作太频繁，请稍后再试";
    default:
      return error.status >= 500 ? "服务器出错了，请稍后重试" : "请求失败，请稍后重试";
  }
}

export function describeError(error: unknown, context: ErrorContext = "default"): ErrorDescription {
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { summary: "出现了意外错误", detail: message || null, fields: [] };
  }
  const summary = summaryFor(error, context);
  const fields = error.fieldErrors.map((field) => ({ label: fieldLabel(field.path), message: field.message }));
  const detail = error.message && error.message !== summary ? error.message : null;
  return { summary, detail, fields };
}
