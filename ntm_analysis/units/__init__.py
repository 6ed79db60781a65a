"""Administrative units by dated version, conversion between versions, and a commune map.

Loading a version is in the data layer (`ntm_analysis.dataset.admin_units`, re-exported here);
this package converts codes between versions and lists units for the `units` command.
"""

from ntm_analysis.dataset.admin_units import load_units, load_versions
from ntm_analysis.units.conversion import convert, current_units, load_conversion

__all__ = ["convert", "current_units", "load_conversion", "load_units", "load_versions"]
