"""Numbers kept with the dataset they were computed from.

The dataset never changes (a new one comes with every saved batch), so a number computed for a view
stays true: a rerun with the same choices (a widget elsewhere on the page changed), another page or
another person's session reads it instead of computing it again. A kept number is the number a fresh
computation gives: it is keyed by the metric, the view's key (cycle, workshops, filters, today) and
the arguments, and lives in the dataset's own ``memo`` (a new dataset starts with none).
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Concatenate, ParamSpec, Protocol, TypeVar

import numpy as np
import pandas as pd
from cachetools import LRUCache

from analysis.dataset import Dataset

LIMIT = 1024  # results kept per dataset (each a small frame or a number), the least recently used dropped
_LOCK = threading.Lock()  # sessions run in threads; the cache's order changes on every read
_MISSING = object()
_T = TypeVar("_T")
_P = ParamSpec("_P")


class Viewed(Protocol):
    """What a metric is computed of: a dataset seen through a key (``metrics.View``)."""

    @property
    def dataset(self) -> Dataset: ...

    @property
    def key(self) -> tuple: ...


_V = TypeVar("_V", bound=Viewed)
_F = TypeVar("_F", bound=Callable[..., object])
_PREPARED: list[tuple[Callable[..., object], tuple]] = []  # (metric, arguments) computed by ``prepare``


def results(dataset: Dataset) -> LRUCache[Hashable, object]:
    """The dataset's kept results."""
    with _LOCK:
        return dataset.memo.setdefault("results", LRUCache(maxsize=LIMIT))


def _fresh(value: _T) -> _T:
    """What a caller gets of a kept result: frames copied (a caller that adds a column changes its own copy)."""
    return value.copy() if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)) else value  # type: ignore[return-value]


def memoised(compute: Callable[Concatenate[_V, _P], _T]) -> Callable[Concatenate[_V, _P], _T]:
    """A metric of a view kept per dataset for the view's key and the arguments. A metric that needs nothing
    but the view is computed by ``prepare``."""

    signature = inspect.signature(compute)

    @wraps(compute)
    def kept(view: _V, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        # the arguments as bound, defaults included: ``f(view)`` and ``f(view, 3)`` with a default of 3 are one result
        # (``prepare`` computes a metric with its defaults; a page may name them)
        bound = signature.bind(view, *args, **kwargs)
        bound.apply_defaults()
        key = (compute.__module__, compute.__qualname__, view.key, bound.args[1:], tuple(sorted(bound.kwargs.items())))
        cache = results(view.dataset)
        with _LOCK:
            value = cache.get(key, _MISSING)
        if value is _MISSING:
            value = compute(view, *args, **kwargs)
            with _LOCK:
                cache[key] = value
        return _fresh(value)  # type: ignore[return-value]

    if all(p.default is not p.empty for p in list(signature.parameters.values())[1:]):
        _PREPARED.append((kept, ()))
    return kept


def prepared_with(*calls: tuple) -> Callable[[_F], _F]:
    """A memoised metric that ``prepare`` computes with each of these arguments (the pages' first choices)."""
    def register(metric: _F) -> _F:
        _PREPARED.extend((metric, args) for args in calls)
        return metric
    return register


def prepare(view: Viewed) -> int:
    """Compute and keep every prepared metric of ``view``; returns how many."""
    for compute, args in _PREPARED:
        compute(view, *args)
    return len(_PREPARED)


def kept_fact(dataset: Dataset, key: tuple, compute: Callable[[], _T]) -> _T:
    """A fact of the whole dataset (a frame per cycle, a column of codes), computed once and kept with it."""
    value = dataset.memo.get(key, _MISSING)
    if value is _MISSING:
        value = dataset.memo.setdefault(key, compute())
    return value
