"""For every target: the gap, attainment, expected progress, projection and status (engine); figures derived
from their components (accounts); who has reported (reporting)."""
