import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/forms.css";
import "./styles/genres.css";
import "./styles/ideas.css";
import "./styles/home.css";
import "./styles/workflow.css";
import "./styles/controls.css";
import "./styles/outline.css";
import "./styles/episodes.css";
import "./styles/script.css";
import "./styles/debug.css";

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
