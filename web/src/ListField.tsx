import { useEffect, useState } from "react";
import { splitList } from "./outlineEdit";

interface ListTextProps {
  value: string[];
  onChange: (items: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
  testId?: string;
}

/** A short list typed on one line, separated by 、 or commas; the text is kept as typed. */
export function ListTextInput({ value, onChange, disabled, placeholder, testId }: ListTextProps) {
  const [text, setText] = useState(() => value.join("、"));
  useEffect(() => {
    setText((current) => (JSON.stringify(splitList(current)) === JSON.stringify(value) ? current : value.join("、")));
  }, [value]);
  return (
    <input
      value={text}
      disabled={disabled}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(event) => {
        setText(event.target.value);
        onChange(splitList(event.target.value));
      }}
    />
  );
}

interface ItemListProps {
  items: string[];
  onChange: (items: string[]) => void;
  disabled?: boolean;
  itemLabel: string;
  testId: string;
  rows?: number;
}

/** A list of longer items, one text area each, with add and remove. */
export function ItemListEditor({ items, onChange, disabled, itemLabel, testId, rows = 2 }: ItemListProps) {
  return (
    <div className="item-list" data-testid={testId}>
      {items.map((item, index) => (
        <div key={index} className="item-row">
          <span className="item-index">{index + 1}</span>
          <textarea
            rows={rows}
            value={item}
            disabled={disabled}
            aria-label={`${itemLabel} ${index + 1}`}
            onChange={(event) => onChange(items.map((old, at) => (at === index ? event.target.value : old)))}
          />
          <button
            type="button"
            className="icon-button"
            title="删除"
            aria-label={`删除${itemLabel} ${index + 1}`}
            disabled={disabled}
            onClick={() => onChange(items.filter((_, at) => at !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="button ghost small" disabled={disabled} onClick={() => onChange([...items, ""])}>
        ＋ 添加{itemLabel}
      </button>
    </div>
  );
}
