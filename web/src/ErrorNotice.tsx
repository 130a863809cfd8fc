import { describeError, type ErrorContext } from "./apiError";

interface ErrorNoticeProps {
  error: unknown;
  context?: ErrorContext;
  testId?: string;
  /** Replaces the generic summary when the caller knows better what went wrong. */
  title?: string;
}

/** An API error in the writer's words, with the server's message and any field problems. */
export function ErrorNotice({ error, context = "default", testId, title }: ErrorNoticeProps) {
  const { summary, detail, fields } = describeError(error, context);
  return (
    <div className="error-notice" role="alert" data-testid={testId}>
      <p className="error-summary">{title ?? summary}</p>
      {detail && <p className="error-detail">{detail}</p>}
      {fields.length > 0 && (
        <ul className="error-fields">
          {fields.map((field, index) => (
            <li key={index}>
              {field.label && <span className="error-field-label">{field.label}：</span>}
              {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
