#!/bin/sh
# Bring the schemas up to date, then serve with gunicorn (sync workers + threads, WSGI only:
# django-tenants keeps the tenant on the thread's database connection).
set -e
python manage.py prepare_portal --executor=multiprocessing
python manage.py collectstatic --noinput --verbosity 0
# One worker more than there are cores, one thread each, each worker accepting one connection at
# a time, and Caddy opening a new connection per request (no keep-alive). A gthread worker
# otherwise accepts every connection it can and queues it behind its own busy threads while
# another worker sits idle; here waiting connections stay in the shared listen queue, where the
# first free worker takes the oldest. One thread per worker keeps two requests from contending
# for one interpreter lock; the extra worker uses a core while another waits for the database.
# Caddy buffers uploads and downloads, so a slow phone never holds a worker. The benchmark
# measured this halving the 99th percentile of uncached pages. See README, Performance.
# No gunicorn access log: the app logs each request itself, as JSON without the query string
# (core/logs.py; README, Observability).
THREADS="${GUNICORN_THREADS:-1}"
# Prometheus counters of every worker, summed by /metrics (prometheus-client's multiprocess
# mode); emptied at each start, as that mode requires.
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-/tmp/portal-metrics}"
rm -rf "$PROMETHEUS_MULTIPROC_DIR"
mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
exec gunicorn portal.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${WEB_CONCURRENCY:-$(( $(nproc) + 1 ))}" \
    --worker-class gthread \
    --threads "$THREADS" \
    --worker-connections "$THREADS" \
    --keep-alive 0 \
    --timeout "${GUNICORN_TIMEOUT:-60}" \
    --forwarded-allow-ips "*" \
    --error-logfile -
