vcl 4.1;
# The HTTP accelerator between the TLS proxy (Caddy) and the web nodes (README, HTTP accelerator).
#
# It caches only what the app marks public (Cache-Control: public, s-maxage=N, with an X-Opd
# header naming the OPD's schema: core/accelerator.py) and the static files under their hashed
# names, and never a response that sets a cookie.
# Requests that bring a session, CSRF or messages cookie, the admin, and every method but GET and
# HEAD go straight to the app. Pages are kept by Host + URL. The app bans an OPD's pages (or all
# of them) with an HTTP BAN after every change it commits; while the app is down (its health
# probe fails) Varnish serves what it has for up to 6 hours (grace).

import std;

# The web service of docker-compose.yml (tests/accelerator fill in their own server).
backend web {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 120s;
    .between_bytes_timeout = 30s;
    .probe = {
        # /healthz answers on any host before tenant resolution (200 while the database does).
        .request =
            "GET /healthz HTTP/1.1"
            "Host: localhost"
            "User-Agent: varnish-probe"
            "Connection: close";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

# Who may send BAN: the web nodes and the task worker (names are resolved when the VCL is
# loaded: reload it after adding nodes elsewhere) and this machine. A name that does not
# resolve, in parentheses, matches nothing.
acl purgers {
    "127.0.0.1";
    "::1";
    ("web");
    ("worker");
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Ban-lurker-friendly: expressions on obj.* only, so the lurker retires the objects in
        # the background instead of every lookup testing them.
        if (req.http.X-Ban-Opd == "*") {
            ban("obj.status != 0");
        } elsif (req.http.X-Ban-Opd ~ "^[a-z][a-z0-9_]{0,62}$") {
            ban("obj.http.X-Opd == " + req.http.X-Ban-Opd);
        } else {
            return (synth(400, "X-Ban-Opd must name a schema, or be *"));
        }
        return (synth(200, "Banned"));
    }
    # Prometheus metrics are for the internal network only, straight from the web nodes.
    if (req.url ~ "^/metrics") {
        return (synth(404, "Not Found"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # POST and every other unsafe (or unknown) method.
        return (pass);
    }
    if (req.url ~ "^/admin(/|\?|$)" || req.http.Authorization) {
        return (pass);
    }
    # The app's cookies (portal/settings.py: sessionid and csrftoken, __Host-sessionid and
    # __Host-csrftoken in production; Django's "messages"): the visitor may be logged in, or
    # have a form or a message waiting.
    if (req.http.Cookie ~ "(^|;)\s*(__Host-)?(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Anything else (analytics, a dismissed banner) the app never reads: without it the page is
    # the same for everyone, which is what the app said when it marked the page public.
    unset req.http.Cookie;
    if (std.healthy(req.backend_hint)) {
        # A page just expired is served once more while it is fetched again in the background.
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.url ~ "^/static/") {
        # The static files are the same on every host: one copy for all the OPDs' sites.
        return (lookup);
    }
    if (req.http.Host) {
        hash_data(std.tolower(req.http.Host));
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # The app failed while a stale page is being served: keep serving it.
        return (abandon);
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (bereq.url ~ "^/static/" && beresp.status == 200 && !beresp.http.Set-Cookie
        && beresp.http.Cache-Control ~ "(^|,)\s*public\s*(,|$)"
        && beresp.http.Cache-Control ~ "immutable") {
        # A static file under its hashed name (whitenoise: public, immutable) never changes: kept
        # a day, so that a crowd of first visits takes the stylesheet and scripts from here and
        # not from the web nodes. Not tied to an OPD, it goes only with a ban of everything.
        set beresp.ttl = 1d;
        set beresp.grace = 6h;
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.status != 200
        || !beresp.http.X-Opd
        || beresp.http.Cache-Control !~ "(^|,)\s*public\s*(,|$)"
        || beresp.http.Cache-Control !~ "s-maxage=[1-9]"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary ~ "\*") {
        # Not marked public (or personal): never stored. Remember that for two minutes so
        # that requests for it are not queued behind one another (hit-for-miss).
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The TTL is the app's s-maxage; keep the page 6 hours longer for when the app is down.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_backend_error {
    # The app is unreachable and no page (not even a stale one) is kept for this address: a
    # short page in the site's language instead of Varnish's own, never kept.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    set beresp.ttl = 0s;
    synthetic({"<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Layanan sementara tidak tersedia</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Layanan sementara tidak tersedia</h1>
<p>Situs ini sedang tidak dapat dijangkau. Silakan coba lagi beberapa saat lagi.</p>
</body></html>
"});
    return (deliver);
}

sub vcl_deliver {
    # The schema name is for bans only.
    unset resp.http.X-Opd;
    # For debugging and the tests (tests/accelerator): HIT, STALE (grace), MISS or PASS.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0 && obj.ttl < 0s) {
        set resp.http.X-Cache = "STALE";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}
