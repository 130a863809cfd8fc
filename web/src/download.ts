/** Saving an export as a file in the browser. */
import { DOCX_MIME, markdownToDocx } from "./docx";

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name without characters that file systems refuse. */
export function safeFilename(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\s]+/g, "_").replace(/^_+|_+$/g, "");
  return cleaned || "script";
}

export function downloadMarkdown(markdown: string, name: string): void {
  save(new Blob([markdown], { type: "text/markdown;charset=utf-8" }), `${safeFilename(name)}.md`);
}

export function downloadDocx(markdown: string, name: string): void {
  const bytes = markdownToDocx(markdown);
  save(new Blob([bytes.buffer as ArrayBuffer], { type: DOCX_MIME }), `${safeFilename(name)}.docx`);
}
