"""ntm-analysis: data, checks and reports for New Rural Development coordination offices."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ntm-analysis")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

__all__ = ["__version__", "load_period"]


def __getattr__(name: str):
    if name == "load_period":
        # lazy: `import ntm_analysis` stays light (no pandas) until load_period is asked for
        from ntm_analysis.dataset.period import load_period

        return load_period
    raise AttributeError(name)
