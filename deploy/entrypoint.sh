#!/bin/sh
# Bring the schemas up to date, then serve with gunicorn (sync workers + threads, WSGI only:
# django-tenants keeps the tenant on the thread's database connection).
set -e
python manage.py prepare_portal --executor=multiprocessing
python manage.py collectstatic --noinput --verbosity 0
exec gunicorn portal.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${WEB_CONCURRENCY:-3}" \
    --worker-class gthread \
    --threads "${GUNICORN_THREADS:-4}" \
    --timeout "${GUNICORN_TIMEOUT:-60}" \
    --forwarded-allow-ips "*" \
    --access-logfile - \
    --error-logfile -
