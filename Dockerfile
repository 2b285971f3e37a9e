# PrepLoop: runs `preploop run` (Discord and/or Slack, by the credentials set) as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DATA_DIR=/data
WORKDIR /app

RUN useradd --create-home --uid 10001 preploop && mkdir /data && chown preploop /data
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY content ./content
COPY migrations ./migrations
# Editable, so the package finds content/ and migrations/ beside it in /app.
RUN pip install --no-cache-dir -e .

USER preploop
VOLUME ["/data"]
EXPOSE 3000
CMD ["preploop", "run"]
