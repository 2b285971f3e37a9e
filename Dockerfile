# PrepLoop: runs `preploop run` (Discord and/or Slack, by the credentials set) as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DATA_DIR=/data WEB_PORT=8080
WORKDIR /app

RUN useradd --create-home --uid 10001 preploop && mkdir /data && chown preploop /data
# The exact dependencies, each checked against its hash; a layer rebuilt only when the lock changes.
COPY requirements.lock ./
RUN python -m pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY content ./content
COPY migrations ./migrations
# Editable, so the package finds content/ and migrations/ beside it in /app.
RUN python -m pip install --no-cache-dir --no-deps -e .

USER preploop
VOLUME ["/data"]
# 8080: the web dashboard and /healthz; 3000: Slack HTTP mode only.
EXPOSE 8080 3000
# Healthy only while the dashboard answers /healthz with 200 (urllib: slim images have no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import sys, urllib.request; r = urllib.request.urlopen('http://localhost:${WEB_PORT:-8080}/healthz', timeout=4); sys.exit(r.status != 200)"
CMD ["preploop", "run", "--idle-if-unconfigured"]
