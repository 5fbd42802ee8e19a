"""Slugs made from a title, unique within the current OPD's schema."""

from django.utils.text import slugify


def unique_slug(
    model,
    text: str,
    *,
    reserved: frozenset[str] = frozenset(),
    fallback: str = "tanpa-judul",
    max_length: int = 200,
    exclude_pk=None,
) -> str:
    """A slug from `text` that no other row of `model` uses (suffix -2, -3, ...), never one of
    the app's `reserved` path words ("feed", "kategori"...)."""
    base = slugify(text)[:max_length].strip("-") or fallback
    if base in reserved:
        base = f"{base}-1"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, counter = base, 2
    while slug in taken:
        suffix = f"-{counter}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        counter += 1
    return slug
