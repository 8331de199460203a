"""``GET /api/alerts``: the alerts ``unspin watch`` recorded in the store, newest first.

A router of its own, so the watch feature adds one ``include_router`` line to
the app. The objects are the alert JSON lines watch writes, with the
``alert_id`` and ``created_at`` the store gave them.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from unspin.service.engine import Engine


def alerts_router(engine: Engine) -> APIRouter:
    router = APIRouter()

    @router.get("/api/alerts")
    def api_alerts(limit: int = Query(50, ge=1, le=1000, description="At most this many, newest first.")) -> dict[str, Any]:
        """Recent alerts: watched pages that reuse stored articles above the watch's coverage."""
        return {"alerts": engine.alerts(limit)}

    return router
