import { genrePathKey, genrePathLabel, MAX_GENRE_PATHS, type GenrePath } from "./genreTree";

interface SelectedGenresProps {
  paths: readonly GenrePath[];
  proportions: readonly number[] | null;
  disabled: boolean;
  onRemove: (index: number) => void;
  onProportion: (index: number, value: number) => void;
}

/** The chosen genre paths, each with its share when there are several. */
export function SelectedGenres({ paths, proportions, disabled, onRemove, onProportion }: SelectedGenresProps) {
  if (paths.length === 0) {
    return <p className="muted selected-genres-empty">还没有选择类型：在下方点选 1–{MAX_GENRE_PATHS} 个。</p>;
  }
  const showShares = paths.length > 1 && proportions !== null;
  return (
    <ul className="selected-genres">
      {paths.map((path, index) => {
        const label = genrePathLabel(path);
        return (
          <li
            key={genrePathKey(path)}
            className="selected-genre"
            data-testid="selected-genre-path"
            data-path={genrePathKey(path)}
          >
            <span className="selected-genre-label">{label}</span>
            {showShares && (
              <label className="proportion">
                <input
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  inputMode="numeric"
                  data-testid="genre-proportion-input"
                  aria-label={`${label} 所占比例`}
                  value={proportions[index] ?? 0}
                  disabled={disabled}
                  onChange={(event) => {
                    const value = event.target.value === "" ? 0 : Number(event.target.value);
                    onProportion(index, value);
                  }}
                />
                <span>%</span>
              </label>
            )}
            <button
              type="button"
              className="remove-genre"
              aria-label={`移除 ${label}`}
              title="移除"
              disabled={disabled}
              onClick={() => onRemove(index)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
