# One image for the four services; the command picks the service.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
ENV UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy PYTHONUNBUFFERED=1
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY libs/ libs/
COPY services/ services/
RUN uv sync --frozen --no-dev
COPY --from=web /src/web/dist /app/web/dist
ENV PATH="/app/.venv/bin:$PATH" GATEWAY_STATIC_DIR=/app/web/dist
CMD ["python", "-m", "scriptwriter.gateway"]
