"""Operations: Prometheus metrics, the health report, and the HTTP routes that serve them."""
