# The background imports' jobs (wpimport.jobs), found by procrastinate's autodiscovery here.
from wpimport.jobs import check_run, perform_run

__all__ = ["check_run", "perform_run"]
