"""gunicorn, the application server: one instance per port, behind nginx.

Read by `gunicorn -c deploy/gunicorn.conf.py marketplace.wsgi` (systemd's ocop-web@.service
and scripts/run-stack). Everything an operator tunes comes from the environment:

  GUNICORN_BIND      127.0.0.1:8101    where this instance listens (nginx's upstream)
  GUNICORN_WORKERS   2                 processes; about one per core per instance
  GUNICORN_THREADS   4                 threads per process: pages wait on PostgreSQL, the
                                       search cluster, Stripe; threads keep the core busy meanwhile
  GUNICORN_TIMEOUT   30                seconds before a stuck worker is killed and replaced
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8101")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps connections to the upstream open (`keepalive` in the upstream) and lets them go
# after 4 s (its `keepalive_timeout`, kept below this one so that it never sends on a closing one).
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once): memory that
# a long-lived Python process gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# gunicorn's control socket (gunicornc) is not used: systemd and signals manage the instances,
# and every instance would otherwise take the same $HOME/.gunicorn/gunicorn.ctl.
control_socket_disable = True
# The app is loaded once, before the workers fork: less memory, faster restarts of a worker.
preload_app = True
# nginx on the same machine sets X-Forwarded-Proto and X-Forwarded-For.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips

# Logs on stderr for the journal: the access log as JSON lines with nginx's request id, the
# same id the application's own log lines carry (marketplace/observability.py).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}i)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"bytes": "%(B)s", "microseconds": %(D)s, "pid": "%(p)s"}'
)


def post_fork(server, worker):
    """Each worker starts with no database connection of the parent's (preload_app)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
