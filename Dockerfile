FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_DEBUG=0 \
    PORTAL_VAR_DIR=/var/lib/portal \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/var/lib/portal/media

WORKDIR /app
RUN useradd --system --home /app portal && mkdir -p /var/lib/portal/media /var/lib/portal/private /var/lib/portal/backups && chown -R portal /var/lib/portal
COPY . .
# Without the dev extra: no pgserver, no test tools.
RUN pip install --no-cache-dir .
# The gettext catalogue is compiled (Babel, no GNU gettext) and the static files collected. Both
# need settings, which refuse to load without these three, but no database:
# placeholders that nothing connects to.
RUN DATABASE_URL=postgresql://build@localhost/build DJANGO_SECRET_KEY=build-only \
    DJANGO_ALLOWED_HOSTS=localhost \
    sh -c "python manage.py compile_catalogue --force --verbosity 0 \
        && python manage.py collectstatic --noinput --verbosity 0" && chown -R portal /app
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
ENTRYPOINT ["deploy/entrypoint.sh"]
