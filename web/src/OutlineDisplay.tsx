import { memo } from "react";
import { CharacterCard } from "./CharacterCard";
import { stageName, type Character, type Outline } from "./outline";

interface OutlineDisplayProps {
  outline: Outline;
  /** True while the model is still writing it. */
  streaming?: boolean;
}

const PointList = memo(function PointList({
  title,
  items,
  testId,
}: {
  title: string;
  items: string[];
  testId: string;
}) {
  return (
    <section className="outline-section" data-testid={testId}>
      <h3>{title}</h3>
      <ol className="point-list">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ol>
    </section>
  );
});

const Characters = memo(function Characters({ characters }: { characters: Character[] }) {
  return (
    <section className="outline-section" data-testid="outline-characters">
      <h3>人物</h3>
      <div className="character-grid">
        {characters.map((character, index) => (
          <CharacterCard key={index} character={character} />
        ))}
      </div>
    </section>
  );
});

const Stages = memo(function Stages({ stages }: { stages: string[] }) {
  return (
    <section className="outline-section" data-testid="outline-stages">
      <h3>五阶段剧情</h3>
      {stages.map((stage, index) => (
        <div key={index} className="stage" data-testid="outline-stage">
          <h4>{stageName(index)}</h4>
          <p>{stage}</p>
        </div>
      ))}
    </section>
  );
});

const Setting = memo(function Setting({ summary, scenes }: { summary: string; scenes: string[] }) {
  return (
    <section className="outline-section" data-testid="outline-setting">
      <h3>故事设定</h3>
      {summary && <p>{summary}</p>}
      {scenes.length > 0 && (
        <ul className="point-list">
          {scenes.map((scene, index) => (
            <li key={index}>{scene}</li>
          ))}
        </ul>
      )}
    </section>
  );
});

/** An outline, read-only; sections appear as the model reaches them. */
export function OutlineDisplay({ outline, streaming = false }: OutlineDisplayProps) {
  const audience = outline.target_audience;
  const facts = [
    outline.genre,
    outline.totalEpisodes ? `共 ${outline.totalEpisodes} 集` : "",
    outline.episodeDuration ? `每集约 ${outline.episodeDuration} 分钟` : "",
  ].filter(Boolean);
  return (
    <div className="outline-display" data-testid="outline-display" data-streaming={streaming ? "true" : "false"}>
      <header className="outline-head">
        <h2 className="outline-title" data-testid="outline-title">
          {outline.title ? `《${outline.title}》` : streaming ? "…" : "未命名"}
        </h2>
        {facts.length > 0 && <p className="muted">{facts.join(" · ")}</p>}
        {audience.demographic && <p className="outline-audience">目标观众：{audience.demographic}</p>}
        {audience.core_themes.length > 0 && (
          <ul className="tag-list">
            {audience.core_themes.map((theme, index) => (
              <li key={index} className="tag">
                {theme}
              </li>
            ))}
          </ul>
        )}
      </header>
      {outline.selling_points.length > 0 && (
        <PointList title="卖点" items={outline.selling_points} testId="outline-selling-points" />
      )}
      {outline.satisfaction_points.length > 0 && (
        <PointList title="爽点" items={outline.satisfaction_points} testId="outline-satisfaction-points" />
      )}
      {(outline.setting.core_setting_summary || outline.setting.key_scenes.length > 0) && (
        <Setting summary={outline.setting.core_setting_summary} scenes={outline.setting.key_scenes} />
      )}
      {outline.characters.length > 0 && <Characters characters={outline.characters} />}
      {outline.synopsis_stages.length > 0 && <Stages stages={outline.synopsis_stages} />}
      {streaming && (
        <p className="muted streaming-note">
          <span className="caret" aria-hidden="true" /> 模型正在书写…
        </p>
      )}
    </div>
  );
}
