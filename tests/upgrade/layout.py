"""What the layout change moved, written out independently of the migration that does it."""

# The models tenants 0006 handed over to other apps (model name -> its app now).
MOVED_MODELS = {
    "activityreminder": "console",
    "activitysettings": "console",
    "allowedlinkdomain": "guard",
    "auditevent": "audit",
    "contenthold": "guard",
    "emergencybanner": "banners",
    "localholiday": "workdays",
    "operatoraccount": "accounts",
    "publisheditem": "mainsite",
}
