"""How often one sender may do something: a count per IP address and per e-mail or phone.

Buyers' inquiries (5 an hour) and orders placed at checkout (per address and per phone) are
counted here. Django's cache directly rather than django-ratelimit: each rule is a couple of
counters on one view, the e-mail or phone is only known once the form is valid, and what is
counted is what was accepted (and honeypot hits), not every request, which a decorator does
not express.
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

WINDOW_SECONDS = 3600


def _keys(scope: str, senders: dict[str, str]) -> list[str]:
    """One cache key per known sender ({"ip": ..., "email": ..., "phone": ...}), hashed."""
    return [
        f"{scope}:rate:{kind}:{hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]}"
        for kind, value in senders.items()
        if value
    ]


def _recent(keys: list[str], now: float, window: int) -> dict[str, list[float]]:
    """Each key's sends within the window, read in one round trip."""
    stored = cache.get_many(keys)
    return {key: [moment for moment in stored.get(key, []) if now - moment < window] for key in keys}


def rate_exceeded(*, scope: str, senders: dict[str, str], limit: int, window: int = WINDOW_SECONDS) -> bool:
    """True when any of `senders` already did `scope` `limit` times in the last `window` seconds."""
    recent = _recent(_keys(scope, senders), time.time(), window)
    return any(len(moments) >= limit for moments in recent.values())


def rate_record(*, scope: str, senders: dict[str, str], window: int = WINDOW_SECONDS) -> None:
    now = time.time()
    recent = _recent(_keys(scope, senders), now, window)
    cache.set_many({key: [*moments, now] for key, moments in recent.items()}, window)


def rate_take(*, scope: str, senders: dict[str, str], limit: int, window: int = WINDOW_SECONDS) -> bool:
    """`rate_exceeded`, and when it is not, `rate_record` at once: for a send counted as soon
    as it is accepted. True (nothing recorded) when over the limit."""
    now = time.time()
    recent = _recent(_keys(scope, senders), now, window)
    if any(len(moments) >= limit for moments in recent.values()):
        return True
    cache.set_many({key: [*moments, now] for key, moments in recent.items()}, window)
    return False


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
