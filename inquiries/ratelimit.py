"""How many inquiries one sender may send: 5 an hour per IP address and per email address.

Django's cache directly rather than django-ratelimit: the rule is two counters on one view,
the email is only known once the form is valid, and what is counted is the inquiries that
were accepted (and honeypot hits), not every request, which a decorator does not express.
django-ratelimit's own documentation also requires a shared cache with atomic increment, which
the project's default `locmemcache://` is not. The caveat holds here too: with a local-memory
cache each worker process counts on its own, so production should set CACHE_URL to a shared
cache (Redis or Memcached). The read-then-write below is not atomic: two sends racing may
both pass, which is acceptable against spam (the aim is volume, not an exact quota).

Each key holds the times of the recent sends (a sliding hour, not a clock hour, so no burst
of ten across the turn of the hour). Addresses are hashed: no IP or email sits in the cache.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

LIMIT = 5
WINDOW_SECONDS = 3600


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"inquiries:rate:{kind}:{digest}"


def _keys(*, ip: str, email: str = "") -> list[str]:
    keys = [_key("ip", ip)] if ip else []
    if email:
        keys.append(_key("email", email))
    return keys


def _recent(key: str, now: float) -> list[float]:
    return [moment for moment in cache.get(key, []) if now - moment < WINDOW_SECONDS]


def inquiry_rate_exceeded(*, ip: str, email: str = "") -> bool:
    """True when the address (or the email) already sent `LIMIT` inquiries in the last hour."""
    now = time.time()
    return any(len(_recent(key, now)) >= LIMIT for key in _keys(ip=ip, email=email))


def inquiry_rate_record(*, ip: str, email: str = "") -> None:
    now = time.time()
    for key in _keys(ip=ip, email=email):
        cache.set(key, [*_recent(key, now), now], WINDOW_SECONDS)


def client_ip(request) -> str:
    """The sender's address, counted per IPv6 /64 (one connection's block of addresses).

    Behind `MARKETPLACE_TRUSTED_PROXIES` proxies (nginx: 1), the address is the one the
    nearest of them saw, read from the right of X-Forwarded-For; the left part is the
    sender's to forge. Without proxies, REMOTE_ADDR.
    """
    hops = settings.MARKETPLACE_TRUSTED_PROXIES
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    address = forwarded[-hops] if hops and len(forwarded) >= hops else request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address
