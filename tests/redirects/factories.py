from redirects.models import Redirect


def make_redirect(old_path, target, **fields):
    redirect = Redirect(old_path=old_path, target=target, **fields)
    redirect.full_clean()
    redirect.save()
    return redirect
