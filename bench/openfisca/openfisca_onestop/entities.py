"""One entity: the enterprise (rules/entities.policy `entity enterprise`).

OpenFisca needs a "person" entity; the enterprise plays that part (no groups).
"""

from openfisca_core.entities import build_entity

Enterprise = build_entity(
    key="enterprise",
    plural="enterprises",
    label="Enterprise",
    is_person=True,
)

entities = [Enterprise]
