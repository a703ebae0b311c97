"""Which URLs may be fetched: http(s) only, and optionally public hosts only."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from extract.web.errors import FetchError, UnsafeURLError

__all__ = ["check_public_host", "check_url", "origin"]


def check_url(url: str, *, via: str | None = None) -> str:
    """`url` itself, if it is an http or https URL with a host.

    Args:
        url: the URL to check.
        via: the URL that redirected to it, named in the error.

    Raises:
        UnsafeURLError: another scheme (``file:``, ``ftp:``, ``data:``, ...) or no host.

    Example:
        >>> check_url("file:///etc/passwd")
        Traceback (most recent call last):
        ...
        extract.web.errors.UnsafeURLError: file:///etc/passwd: only http and https URLs are fetched
    """
    parts = urlsplit(url)
    source = via or url
    if parts.scheme.lower() not in ("http", "https"):
        problem = f"redirects to {url}, " if via else ""
        raise UnsafeURLError(source, f"{problem}only http and https URLs are fetched")
    if not parts.hostname:
        raise UnsafeURLError(source, f"{url} has no host name")
    return url


def check_public_host(url: str, *, source: str) -> None:
    """Refuse a URL whose host resolves to a loopback, private, link-local or reserved address.

    For servers that fetch URLs typed by users (the app): it keeps them away from the machine's
    own services and the local network. A name that resolves differently between this check and
    the connection (DNS rebinding) is not caught; run such servers behind an egress proxy too.

    Raises:
        UnsafeURLError: the host is not public.
        FetchError: the host name does not resolve.

    Example:
        >>> check_public_host("http://127.0.0.1:8501/", source="local")
        Traceback (most recent call last):
        ...
        extract.web.errors.UnsafeURLError: local: 127.0.0.1 is not a public address (127.0.0.1) (only public web sites are fetched here)
    """  # noqa: E501
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(source, f"cannot resolve the host name {host}", "check the URL") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global:
            raise UnsafeURLError(
                source,
                f"{host} is not a public address ({address})",
                "only public web sites are fetched here",
            )


def origin(url: str) -> str:
    """Scheme and host (with port) of a URL, lowercase: the scope of a robots.txt.

    Example:
        >>> origin("HTTPS://News.Example:8443/a?b")
        'https://news.example:8443'
    """
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
