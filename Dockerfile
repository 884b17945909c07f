# Brug on Telegram: `docker build -t brug . && docker run -e BRUG_TELEGRAM_TOKEN=... -v brug-data:/app/data brug`
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 BRUG_DATA_DIR=/app/data
WORKDIR /app

COPY pyproject.toml README.md babel.cfg ./
COPY bot ./bot
COPY content ./content
RUN pip install --no-cache-dir -e . && useradd --create-home brug && mkdir -p /app/data \
    && chown brug /app/data

USER brug
VOLUME ["/app/data"]
CMD ["brug", "run"]
