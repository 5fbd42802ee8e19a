#!/bin/sh
# Bring the schemas up to date, then serve with gunicorn (sync workers + threads, WSGI only:
# django-tenants keeps the tenant on the thread's database connection).
set -e
python manage.py prepare_portal --executor=multiprocessing
python manage.py collectstatic --noinput --verbosity 0
# Two workers per core with two threads each, and no keep-alive between Caddy and gunicorn: a
# kept-alive connection stays with the worker that accepted it, and the benchmark saw one worker
# holding most connections in about one run in four (one core idle, half the throughput). A new
# connection per request lets every idle worker take the next one. See README, Performance.
exec gunicorn portal.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${WEB_CONCURRENCY:-$(( $(nproc) * 2 ))}" \
    --worker-class gthread \
    --threads "${GUNICORN_THREADS:-2}" \
    --keep-alive 0 \
    --timeout "${GUNICORN_TIMEOUT:-60}" \
    --forwarded-allow-ips "*" \
    --access-logfile - \
    --error-logfile -
