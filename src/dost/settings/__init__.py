"""Settings package: ``base`` (demo/development), ``production`` and ``test``."""
