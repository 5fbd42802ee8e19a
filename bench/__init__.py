"""The performance benchmark (`make bench`): see README, section "Performance"."""
