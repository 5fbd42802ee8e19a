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


def test_the_scale_comparison_pairs_each_round_with_the_other_ns_same_round():
    from bench.run import scale_ratio

    # The machine slowed down in round 2, for both N alike: that pair still compares 98 %.
    paired = scale_ratio({"rounds_rps": [100, 60, 100]}, {"rounds_rps": [98, 58.8, 103]})
    assert paired == pytest.approx(0.98)
    # A page that really is slower with more OPDs stays slower in every pair.
    slower = scale_ratio({"rounds_rps": [100, 60, 100]}, {"rounds_rps": [80, 48, 81]})
    assert slower == pytest.approx(0.8)
