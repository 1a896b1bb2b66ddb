"""The demo library: the source documents' real content, and synthetic resources
for load tests."""

from resources.seed.library import seed_library
from resources.seed.synthetic import (
    SYNTHETIC_TOPICS,
    seed_synthetic_collections,
    seed_synthetic_resources,
)

__all__ = [
    "SYNTHETIC_TOPICS",
    "seed_library",
    "seed_synthetic_collections",
    "seed_synthetic_resources",
]
