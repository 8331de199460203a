"""The web service: an HTTP API and a page over the same library calls as the CLI."""

from unspin.service.app import ServiceConfig, create_app

__all__ = ["ServiceConfig", "create_app"]
