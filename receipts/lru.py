"""A small thread-safe least-recently-used cache for what never changes once made (per process)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class LruCache(Generic[T]):
    """Keep up to `size` values by key, dropping the least recently used; count hits and misses."""

    def __init__(self, name: str, size: int, observe: Callable[[str, bool], None] | None = None) -> None:
        self.name = name
        self._observe = observe
        self._size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> T | None:
        """Return the value under `key` (counted as a hit or a miss), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
                self._items.move_to_end(key)
        if self._observe is not None:
            self._observe(self.name, value is not None)
        return value

    def put(self, key: Hashable, value: T) -> None:
        """Store `value` under `key`, dropping the oldest values beyond the size."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """Return the value under `key`, making and storing it the first time."""
        value = self.get(key)
        if value is None:
            # Two threads may both make it once; both results are equal, the second one stays.
            value = make()
            self.put(key, value)
        return value
