"""The operator's HTTP endpoints beside any channel: `/healthz` (200 when healthy, 503 with
the reasons otherwise) and `/metrics` (Prometheus text format)."""

from __future__ import annotations

import logging

from aiohttp import web
from prometheus_client.aiohttp import make_aiohttp_handler

from bot.app import Brug
from bot.config import Settings
from bot.services.health import Health

log = logging.getLogger(__name__)


class MonitoringServer:
    """Serves the health check and the metrics of one Brug process."""

    def __init__(self, app: Brug, host: str, port: int, sender_interval: float = 1.0) -> None:
        self.health = Health(app.store, app.metrics, app.clock, sender_interval)
        self.host = host
        self.port = port
        self._render_metrics = make_aiohttp_handler(app.metrics.registry)
        web_app = web.Application()
        web_app.router.add_get("/healthz", self._healthz)
        web_app.router.add_get("/metrics", self._metrics)
        # No access log: a scraper and a health check call every few seconds.
        self._runner = web.AppRunner(web_app, access_log=None)

    @property
    def url(self) -> str:
        """Where it listens (the real port when port 0 let the system choose)."""
        host, port = self._runner.addresses[0][:2]
        return f"http://{host}:{port}"

    async def start(self) -> None:
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def stop(self) -> None:
        if self._runner.server is not None:
            await self._runner.cleanup()

    async def _healthz(self, request: web.Request) -> web.Response:
        problems = await self.health.problems()
        if problems:
            return web.Response(status=503, text="; ".join(problems) + "\n")
        return web.Response(text="ok\n")

    async def _metrics(self, request: web.Request) -> web.StreamResponse:
        try:
            await self.health.refresh_metrics()
        except Exception as error:
            # The counters are still worth having; the outbox gauges keep their last value.
            log.warning("could not read the outbox for the metrics: %s", error)
        return await self._render_metrics(request)


async def start_monitoring(app: Brug, settings: Settings) -> MonitoringServer:
    """Start serving on BRUG_METRICS_HOST:BRUG_METRICS_PORT. If that address is taken, the bot
    still runs (people come first) and the error says so."""
    server = MonitoringServer(app, settings.metrics_host, settings.metrics_port,
                              settings.outbox_interval_seconds)
    try:
        await server.start()
    except OSError as error:
        log.error("no /healthz and /metrics: cannot listen on %s:%s (%s); set "
                  "BRUG_METRICS_HOST and BRUG_METRICS_PORT", settings.metrics_host,
                  settings.metrics_port, error)
        await server.stop()
        return server
    log.info("health check and metrics on %s/healthz and %s/metrics", server.url, server.url)
    return server
