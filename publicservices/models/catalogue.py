# TEMPORARY STUB (helper skm): the services helper's Service model replaces it on merge.
from django.db import models


class Service(models.Model):
    name = models.CharField("nama layanan", max_length=200)
    slug = models.SlugField("slug", unique=True)

    class Meta:
        verbose_name = "layanan"
        verbose_name_plural = "layanan"

    def __str__(self):
        return self.name
