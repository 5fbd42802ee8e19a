#!/bin/sh
# Bring the schemas up to date, then serve with gunicorn (sync workers + threads, WSGI only:
# django-tenants keeps the tenant on the thread's database connection).
set -e
python manage.py prepare_portal --executor=multiprocessing
python manage.py collectstatic --noinput --verbosity 0
# One worker per core with two threads each; each worker accepts only as many connections as it
# has threads, and Caddy opens a new connection per request (no keep-alive). A gthread worker
# otherwise accepts every connection it can and queues it behind its own busy threads while
# another worker sits idle: waiting connections stay in the shared listen queue instead, where
# the first free thread of any worker takes the oldest. The benchmark measured this halving the
# 99th percentile of uncached pages. See README, Performance.
THREADS="${GUNICORN_THREADS:-2}"
exec gunicorn portal.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${WEB_CONCURRENCY:-$(nproc)}" \
    --worker-class gthread \
    --threads "$THREADS" \
    --worker-connections "$THREADS" \
    --keep-alive 0 \
    --timeout "${GUNICORN_TIMEOUT:-60}" \
    --forwarded-allow-ips "*" \
    --access-logfile - \
    --error-logfile -
