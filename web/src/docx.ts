/**
 * Word (.docx) export. The Markdown of an export is turned into styled
 * paragraphs (headings, quotes, bold speaker names) and packed as OOXML.
 */
import { zip } from "./zip";

export type BlockStyle = "Title" | "Heading1" | "Heading2" | "Heading3" | "Quote" | "Normal";

export interface Run {
  text: string;
  bold: boolean;
}

export interface Block {
  style: BlockStyle;
  runs: Run[];
}

function runs(line: string): Run[] {
  const result: Run[] = [];
  const pattern = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    if (match.index > last) result.push({ text: line.slice(last, match.index), bold: false });
    result.push({ text: match[1] ?? "", bold: true });
    last = match.index + match[0].length;
  }
  if (last < line.length) result.push({ text: line.slice(last), bold: false });
  return result;
}

const HEADING_STYLES: BlockStyle[] = ["Title", "Heading1", "Heading2", "Heading3"];

/** One block per non-empty line; `#` headings, `>` quotes and `- ` items are recognised. */
export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of markdown.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (!line) continue;
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const style = HEADING_STYLES[(heading[1]?.length ?? 1) - 1] ?? "Heading3";
      blocks.push({ style, runs: runs(heading[2] ?? "") });
    } else if (line.startsWith("> ")) {
      blocks.push({ style: "Quote", runs: runs(line.slice(2)) });
    } else if (line.startsWith("- ")) {
      blocks.push({ style: "Normal", runs: runs(`• ${line.slice(2)}`) });
    } else {
      blocks.push({ style: "Normal", runs: runs(line) });
    }
  }
  return blocks;
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export function documentXml(blocks: readonly Block[]): string {
  const paragraphs = blocks.map((block) => {
    const style = block.style === "Normal" ? "" : `<w:pPr><w:pStyle w:val="${block.style}"/></w:pPr>`;
    const content = block.runs
      .map(
        (run) =>
          `<w:r>${run.bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${escapeXml(run.text)}</w:t></w:r>`,
      )
      .join("");
    return `<w:p>${style}${content}</w:p>`;
  });
  const section =
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>';
  return `${XML_HEAD}<w:document ${W}><w:body>${paragraphs.join("")}${section}</w:body></w:document>`;
}

function style(id: string, name: string, size: number, extra = ""): string {
  return `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="120"/>${extra}</w:pPr><w:rPr><w:b/><w:sz w:val="${size}"/></w:rPr></w:style>`;
}

const STYLES_XML =
  `${XML_HEAD}<w:styles ${W}>` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun"/><w:sz w:val="22"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  style("Title", "Title", 40, '<w:jc w:val="center"/>') +
  style("Heading1", "heading 1", 32) +
  style("Heading2", "heading 2", 28) +
  style("Heading3", "heading 3", 24) +
  '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr><w:rPr><w:color w:val="555555"/></w:rPr></w:style>' +
  "</w:styles>";

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  "</Types>";

const RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
const ROOT_RELS = `${XML_HEAD}<Relationships ${RELS_NS}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT_RELS = `${XML_HEAD}<Relationships ${RELS_NS}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The bytes of a .docx file holding the Markdown's text. */
export function markdownToDocx(markdown: string): Uint8Array {
  const encoder = new TextEncoder();
  return zip([
    { name: "[Content_Types].xml", data: encoder.encode(CONTENT_TYPES) },
    { name: "_rels/.rels", data: encoder.encode(ROOT_RELS) },
    { name: "word/_rels/document.xml.rels", data: encoder.encode(DOCUMENT_RELS) },
    { name: "word/document.xml", data: encoder.encode(documentXml(markdownToBlocks(markdown))) },
    { name: "word/styles.xml", data: encoder.encode(STYLES_XML) },
  ]);
}
