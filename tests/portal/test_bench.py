"""The benchmark's reference view exists only in the benchmark's own URLconfs."""

import pytest
from django.urls import Resolver404, resolve


@pytest.mark.parametrize("urlconf", ["portal.urls_tenant", "portal.urls_public"])
def test_the_minimal_view_is_not_routed_in_production(urlconf):
    with pytest.raises(Resolver404):
        resolve("/_bench/minimal/", urlconf=urlconf)


@pytest.mark.parametrize("urlconf", ["bench.urls_tenant", "bench.urls_public"])
def test_the_benchmark_routes_the_minimal_view_and_every_page(urlconf):
    assert resolve("/_bench/minimal/", urlconf=urlconf).func.__name__ == "minimal"
    assert resolve("/berita/", urlconf=urlconf)
