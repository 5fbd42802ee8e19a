from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Galeri")

    def ready(self):
        from accounts import roles
        from core import registry
        from core.search import SearchSource
        from gallery import demo, home, menu, receivers
        from gallery.models import Album, Photo, Video

        registry.register(
            registry.ContentApp(
                label=self.label,
                roles=(roles.OPERATOR_BERITA,),
                publishables=(
                    registry.Publishable(model=Album, label=_("Album foto")),
                    registry.Publishable(model=Video, label=_("Video")),
                ),
                audited_models=(Photo,),
                seed_demo=demo.seed_demo_content,
                search=SearchSource(
                    kind=Album.guard_kind,
                    label=_("Galeri"),
                    published=Album.objects.published,
                    url_fields=("slug",),
                    date_field="published_at",
                    summary_field="description",
                ),
                home_sections=home.SECTIONS,
                menu_targets=menu.menu_targets,
            )
        )
        receivers.connect()
