"""Administrative units by dated version: the index of versions and one version's table.

Reading them belongs to the data layer (a period names its version in `period.yml`);
converting between versions, listing and the `units` command are in `ntm_analysis.units`.
"""

from ntm_analysis.dataset.admin_units.load import coordinates, load_units
from ntm_analysis.dataset.admin_units.versions import VERSION_PATTERN, load_versions

__all__ = ["VERSION_PATTERN", "coordinates", "load_units", "load_versions"]
