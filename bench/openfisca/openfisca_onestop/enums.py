"""Enumerations, in the order of rules/enums.policy, rules/enterprise/hnte-vc-enums.policy and the measures' own rule files."""

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


class VcRelief(Enum):  # rules/enterprise/hnte-vc-enums.policy `enum vc_relief`
    vc_relief_exempt = "vc_relief_exempt"
    vc_relief_halved = "vc_relief_halved"
    vc_relief_none = "vc_relief_none"


class AspCategory(Enum):  # rules/enterprise/advanced-service-provider.policy `enum asp_category`
    asp_outsourcing = "asp_outsourcing"
    asp_service_trade = "asp_service_trade"


class CrcCreditStatus(Enum):  # rules/enterprise/credit-risk-compensation.policy `enum crc_credit_status`
    crc_credit_good = "crc_credit_good"
    crc_credit_fair = "crc_credit_fair"
    crc_credit_poor = "crc_credit_poor"


class CrcStage(Enum):  # rules/enterprise/credit-risk-compensation.policy `enum crc_stage`
    crc_stage_startup = "crc_stage_startup"
    crc_stage_growth = "crc_stage_growth"
    crc_stage_mature = "crc_stage_mature"


class FseResultKind(Enum):  # rules/enterprise/first-set-equipment.policy `enum fse_result_kind`
    fse_kind_first_set_equipment = "fse_kind_first_set_equipment"
    fse_kind_other_innovation = "fse_kind_other_innovation"
    fse_kind_not_innovative = "fse_kind_not_innovative"


class FseProductStage(Enum):  # rules/enterprise/first-set-equipment.policy `enum fse_product_stage`
    fse_stage_first_on_market = "fse_stage_first_on_market"
    fse_stage_to_be_developed = "fse_stage_to_be_developed"
    fse_stage_established = "fse_stage_established"


class FseRoute(Enum):  # rules/enterprise/first-set-equipment.policy `enum fse_route`
    fse_route_first_purchase = "fse_route_first_purchase"
    fse_route_ordering = "fse_route_ordering"
    fse_route_none = "fse_route_none"


class IpiInsuranceType(Enum):  # rules/enterprise/ip-insurance.policy `enum ipi_insurance_type`
    ipi_patent_enforcement = "ipi_patent_enforcement"
    ipi_infringement_liability = "ipi_infringement_liability"
    ipi_pledge_financing = "ipi_pledge_financing"
    ipi_other_ip = "ipi_other_ip"
    ipi_not_ip = "ipi_not_ip"


class MncGround(Enum):  # rules/enterprise/mnc-rd-centre.policy `enum mnc_ground`
    mnc_ground_global_rd_centre = "mnc_ground_global_rd_centre"
    mnc_ground_legal_person = "mnc_ground_legal_person"
    mnc_ground_none = "mnc_ground_none"


class OipFilingType(Enum):  # rules/enterprise/overseas-ip.policy `enum oip_filing_type`
    oip_pct_patent = "oip_pct_patent"
    oip_madrid_trademark = "oip_madrid_trademark"
    oip_hague_design = "oip_hague_design"
    oip_invention_patent = "oip_invention_patent"
    oip_overseas_ip_acquisition = "oip_overseas_ip_acquisition"
    oip_utility_model = "oip_utility_model"
    oip_domestic_design = "oip_domestic_design"
    oip_domestic_trademark = "oip_domestic_trademark"


class District(Enum):  # rules/enums.policy `enum district`
    dongcheng = "dongcheng"
    xicheng = "xicheng"
    chaoyang = "chaoyang"
    haidian = "haidian"
    fengtai = "fengtai"
    shijingshan = "shijingshan"
    mentougou = "mentougou"
    fangshan = "fangshan"
    tongzhou = "tongzhou"
    shunyi = "shunyi"
    changping = "changping"
    daxing = "daxing"
    huairou = "huairou"
    pinggu = "pinggu"
    miyun = "miyun"
    yanqing = "yanqing"


class ClinicalApprovalBasis(Enum):  # rules/enterprise/clinical-sample-import.policy `enum clinical_approval_basis`
    clinical_basis_per_trial = "clinical_basis_per_trial"
    clinical_basis_per_year = "clinical_basis_per_year"
