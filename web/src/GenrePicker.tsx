import { GENRE_TREE, MAX_GENRE_PATHS, containsGenrePath, genrePathKey, type GenrePath } from "./genreTree";

interface GenrePickerProps {
  chosen: readonly GenrePath[];
  disabled: boolean;
  onToggle: (path: string[]) => void;
}

interface GenreOptionProps {
  path: string[];
  label: string;
  chosen: boolean;
  blocked: boolean;
  disabled: boolean;
  sub?: boolean;
  onToggle: (path: string[]) => void;
}

function GenreOption({ path, label, chosen, blocked, disabled, sub = false, onToggle }: GenreOptionProps) {
  const classes = ["genre-option", sub ? "sub" : "", chosen ? "chosen" : "", blocked ? "blocked" : ""];
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(" ")}
      data-testid="genre-option"
      data-path={genrePathKey(path)}
      aria-pressed={chosen}
      aria-disabled={blocked || disabled}
      title={blocked ? `最多选择 ${MAX_GENRE_PATHS} 个类型` : path.join(" > ")}
      onClick={() => {
        if (!blocked && !disabled) onToggle(path);
      }}
    >
      {label}
    </button>
  );
}

/** The whole genre tree at once: root › group › genre, with each genre's sub-genres beside it. */
export function GenrePicker({ chosen, disabled, onToggle }: GenrePickerProps) {
  const full = chosen.length >= MAX_GENRE_PATHS;
  const option = (path: string[], label: string, sub = false) => {
    const isChosen = containsGenrePath(chosen, path);
    return (
      <GenreOption
        key={genrePathKey(path)}
        path={path}
        label={label}
        chosen={isChosen}
        blocked={full && !isChosen}
        disabled={disabled}
        sub={sub}
        onToggle={onToggle}
      />
    );
  };
  return (
    <div className="genre-picker" data-testid="genre-picker">
      {GENRE_TREE.map((root) => (
        <section className="genre-root" key={root.name}>
          <h4 className="genre-root-name">{root.name}</h4>
          {root.children.map((group) => (
            <div className="genre-group" key={group.name}>
              <div className="genre-group-name">{group.name}</div>
              <ul className="genre-list">
                {group.children.map((genre) => {
                  const genrePath = [root.name, group.name, genre.name];
                  return (
                    <li className="genre-item" key={genre.name}>
                      {option(genrePath, genre.name)}
                      {genre.children.length > 0 && (
                        <span className="genre-subs">
                          {genre.children.map((sub) => option([...genrePath, sub.name], sub.name, true))}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
