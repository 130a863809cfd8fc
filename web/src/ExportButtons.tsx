import { downloadDocx, downloadMarkdown } from "./download";

interface ExportButtonsProps {
  /** Builds the Markdown when a button is pressed. */
  markdown: () => string;
  filename: string;
  label?: string;
  testIdPrefix?: string;
}

export function ExportButtons({ markdown, filename, label = "导出", testIdPrefix = "export" }: ExportButtonsProps) {
  return (
    <span className="export-buttons">
      <button
        type="button"
        className="button ghost"
        data-testid={`${testIdPrefix}-md`}
        onClick={() => downloadMarkdown(markdown(), filename)}
      >
        {label} Markdown
      </button>
      <button
        type="button"
        className="button ghost"
        data-testid={`${testIdPrefix}-docx`}
        onClick={() => downloadDocx(markdown(), filename)}
      >
        {label} Word
      </button>
    </span>
  );
}
