"""Administrative units by dated version, conversion between versions, and a commune map."""

from ntm_analysis.units.conversion import convert, current_units, load_conversion
from ntm_analysis.units.load import load_units
from ntm_analysis.units.versions import load_versions

__all__ = ["convert", "current_units", "load_conversion", "load_units", "load_versions"]
