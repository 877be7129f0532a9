"""Enumerations, in the order of rules/enums.policy and rules/enterprise/hnte-vc-enums.policy."""

from openfisca_core.indexed_enums import Enum


class ZgcPark(Enum):  # rules/enums.policy `enum zgc_park`
    no_park = "no_park"
    dongcheng_park = "dongcheng_park"
    xicheng_park = "xicheng_park"
    chaoyang_park = "chaoyang_park"
    haidian_park = "haidian_park"
    fengtai_park = "fengtai_park"
    shijingshan_park = "shijingshan_park"
    mentougou_park = "mentougou_park"
    fangshan_park = "fangshan_park"
    tongzhou_park = "tongzhou_park"
    shunyi_park = "shunyi_park"
    daxing_yizhuang_park = "daxing_yizhuang_park"
    changping_park = "changping_park"
    pinggu_park = "pinggu_park"
    huairou_park = "huairou_park"
    miyun_park = "miyun_park"
    yanqing_park = "yanqing_park"


class Region(Enum):  # rules/enums.policy `enum region`
    beijing = "beijing"
    tianjin = "tianjin"
    hebei = "hebei"
    other_region = "other_region"


class Industry(Enum):  # rules/enums.policy `enum industry`
    integrated_circuits = "integrated_circuits"
    artificial_intelligence = "artificial_intelligence"
    biomedicine = "biomedicine"
    key_materials = "key_materials"
    industrial_machine_tools = "industrial_machine_tools"
    manufacturing = "manufacturing"
    software_it = "software_it"
    scientific_research = "scientific_research"
    finance = "finance"
    tobacco = "tobacco"
    accommodation_catering = "accommodation_catering"
    wholesale_retail = "wholesale_retail"
    real_estate = "real_estate"
    leasing_business_services = "leasing_business_services"
    entertainment = "entertainment"
    other_industry = "other_industry"


class HnteRoute(Enum):  # rules/enterprise/hnte-vc-enums.policy `enum hnte_route`
    hnte_route_filing = "hnte_route_filing"
    hnte_route_national = "hnte_route_national"
    hnte_route_none = "hnte_route_none"
