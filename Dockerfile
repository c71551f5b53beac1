# Levekårskart as a container image: one Streamlit replica in public mode. Several of them go behind
# nginx (deploy/README.md, deploy/compose.yaml).
#   docker build -t levekar .
#   docker run -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET=<same on every replica> levekar
# The dataset: the embedded demo is baked in (data/); LEVEKAR_DATASET=/app/data/<file>.gpkg picks
# another file baked in the same way, and DATABASE_URL (PostGIS, a read-only role) makes the app read
# the published version from the database instead.

# --- build: Python packages into a virtual environment, the map's front-end assets from npm -----------
FROM python:3.11-slim AS build
# npm fetches the pinned Leaflet package at build time, as scripts/install.sh does (geo/mapping/assets.py checks
# its integrity hash); nothing of npm reaches the final image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/venv/bin:$PATH PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /app
# Requirements first: the layer with the packages is reused while only the code changes.
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
RUN python -m geo.mapping.assets install && python -m geo.mapping.assets check

# --- run ----------------------------------------------------------------------------------------------
FROM python:3.11-slim
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin levekar
COPY --from=build /opt/venv /opt/venv
# The code and data stay owned by root: the app's user can read them but not change them.
COPY --from=build /app /app
WORKDIR /app
# deploy/public.env, the public dashboard's settings (a test keeps the two the same): public mode,
# hardened Streamlit options, no file watcher, no usage statistics. Then: no forced full garbage
# collection after every script run (a third of the server's CPU under load, see deploy/README.md).
# The cookie secret is NOT baked in: give every replica the same one at run time.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    LEVEKAR_PUBLIC=1 \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_CLIENT_TOOLBAR_MODE=minimal \
    STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION=true \
    STREAMLIT_SERVER_ENABLE_CORS=true \
    STREAMLIT_SERVER_MAX_UPLOAD_SIZE=1 \
    STREAMLIT_SERVER_MAX_MESSAGE_SIZE=50 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_RUNNER_POST_SCRIPT_GC=false
USER levekar
EXPOSE 8501
# python, not curl: the slim image has no curl, and one binary fewer is one attack surface fewer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
# ui.serve: "streamlit run app.py" with the libraries imported before the health check turns green
CMD ["python", "-m", "ui.serve", "app.py"]
