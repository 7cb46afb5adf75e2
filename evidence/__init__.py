"""Helpers for the book *Recomputing the evidence: liver failure and stem-cell therapy*.

Data flows one way: ``data/`` → this package → ``notebooks/`` → the book.

- :mod:`evidence.data` loads the tables of ``data/`` after validating them;
- :mod:`evidence.validate` checks every table against ``data/datapackage.json``;
- :mod:`evidence.stats` holds every statistical formula the book uses;
- :mod:`evidence.style` holds the one figure style;
- :mod:`evidence.claims` holds the vocabulary and checks of the claims audit.
"""
