# Brug on Telegram: `docker build -t brug . && docker run -e BRUG_TELEGRAM_TOKEN=... -v brug-data:/app/data brug`

# The runtime dependencies pyproject.toml names, one a line. Only this list and the lock reach
# the dependency layer below: an edit elsewhere in pyproject.toml (version, tool settings)
# leaves the installed dependencies cached.
FROM python:3.11-slim AS requirements
COPY pyproject.toml /tmp/
RUN python -c "import tomllib; print(*tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > /requirements.txt

# The package, built as a wheel (content/ and the catalogs inside it).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY content ./content
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BRUG_DATA_DIR=/app/data BRUG_WEBHOOK_HOST=0.0.0.0
WORKDIR /app
# Fonts for the results chart's Ethiopic (Tigrinya) letters and Pashto's ۍ.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-sil-abyssinica \
        fonts-sil-scheherazade && rm -rf /var/lib/apt/lists/*

# The dependencies first, in a layer of their own, at the versions of the lock: a change to the
# code or the content does not install them again.
COPY --from=requirements /requirements.txt /tmp/lock/
COPY constraints.txt /tmp/lock/
RUN pip install --no-cache-dir -r /tmp/lock/requirements.txt -c /tmp/lock/constraints.txt \
    && rm -rf /tmp/lock \
    && useradd --create-home brug && mkdir -p /app/data && chown brug /app/data

COPY --from=build /wheels /tmp/wheels
RUN pip install --no-cache-dir --no-deps /tmp/wheels/*.whl && rm -rf /tmp/wheels

USER brug
VOLUME ["/app/data"]
# The webhook (`brug run --webhook`). /healthz and /metrics listen on 127.0.0.1:9108 inside the
# container; set BRUG_METRICS_HOST=0.0.0.0 and publish 9108 to let Prometheus in.
EXPOSE 8080
# The first start imports aiogram and migrates the database: give it time.
HEALTHCHECK --interval=30s --timeout=15s --start-period=120s --retries=3 CMD ["brug", "health"]
CMD ["brug", "run"]
