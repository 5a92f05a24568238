"""gunicorn settings for an Ingång app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Threaded workers keep one persistent database connection per thread
(CONN_MAX_AGE=60, health-checked before reuse), so a PostgreSQL restart costs
at most the requests in flight, which answer 503.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Longer than the slowest page (a report PDF), shorter than nginx's proxy_read_timeout.
timeout = 55
graceful_timeout = 30
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# nginx on the same host sets X-Forwarded-Proto; trust only it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
