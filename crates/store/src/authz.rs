//! Authorisation by cedar-policy, with the policies in `policies/access.cedar`: the
//! whole rule of who may do what, for cases, materials, projects, the calendar and the
//! register (vouchers, pledges, licences). Every check builds the two entities involved
//! (the user, and the resource with the attributes the policies read) and asks the
//! authorizer; there is no role test in Rust beside it.

use crate::accounts::Account;
use cedar_policy::{Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request};
use serde_json::json;

pub struct Authz {
    policies: PolicySet,
    authorizer: Authorizer,
}

/// What a request is about, with the attributes the policies need.
pub enum Resource<'a> {
    Case {
        id: &'a str,
        applicant: &'a str,
        agency: &'a str,
    },
    Material {
        hash: &'a str,
        owners: Vec<String>,
        agencies: Vec<String>,
    },
    /// A research project: its leader, its undertaking unit (the account that
    /// approves adjustments within the delegated authority; empty when none was named)
    /// and its competent department (an agency).
    Project {
        id: &'a str,
        leader: &'a str,
        unit: &'a str,
        agency: &'a str,
    },
    /// The projects as a whole (filing a new one).
    ProjectRegister,
    /// One budget adjustment of a project, with the approver the rule names for it
    /// (`approver_undertaking_unit` or `approver_competent_department`).
    BudgetChange {
        id: &'a str,
        leader: &'a str,
        unit: &'a str,
        agency: &'a str,
        approver: &'a str,
    },
    Accounts,
    /// The working-day calendar (loading a year's holiday notice).
    Calendar,
    /// The transparency log's witnesses (the operator's page of cosignatures and
    /// refusals).
    Witnesses,
    /// A region of the Beijing-Tianjin-Hebei register, with the agency that issues
    /// its innovation vouchers.
    Region {
        id: &'a str,
        agency: &'a str,
    },
    /// An innovation voucher: its holder and the agency of its region.
    Voucher {
        id: &'a str,
        holder: &'a str,
        agency: &'a str,
    },
    /// The register of IP pledges as a whole (applying for a new one).
    PledgeRegister,
    /// One IP pledge with its parties: the pledgor (the right holder), the pledgee
    /// (the lender; empty for a pledge registered before lenders had accounts), which
    /// of the two started the joint application (`pledgor` or `pledgee`: the other
    /// countersigns) and the registration authority (an agency).
    Pledge {
        id: &'a str,
        pledgor: &'a str,
        pledgee: &'a str,
        applied_by: &'a str,
        agency: &'a str,
    },
    // ---- innovation vouchers with every party (issue 15) ----
    /// An enterprise's application for an innovation voucher, with the agency it was
    /// made to (the science and technology agency of the region it chose).
    VoucherApplication {
        id: &'a str,
        applicant: &'a str,
        agency: &'a str,
    },
    /// One redemption the holder asked of a provider: the voucher's holder, the agency
    /// of the voucher's region, and the provider's account.
    Redemption {
        id: &'a str,
        holder: &'a str,
        agency: &'a str,
        provider: &'a str,
    },
    /// One line of the voucher settlement: what an agency owes one provider.
    Settlement {
        agency: &'a str,
        provider: &'a str,
    },
    // ---- end of innovation vouchers ----
    /// An account's own e-licences (listing them).
    Licences {
        holder: &'a str,
    },
    /// One e-licence: its holder and the agency that decided it (which alone
    /// suspends, reinstates or revokes it).
    Licence {
        code: &'a str,
        holder: &'a str,
        agency: &'a str,
    },
    // ---- issue 16: notifications and the tracker ----
    /// An applicant's notifications and subscription, by their owner's account id.
    Inbox {
        owner: &'a str,
    },
    /// How many applicants each measure reaches (the matching runs' counts).
    Reach,
    /// One measure of the tracker, with the agencies of its responsible
    /// organisations (`tracker.toml`).
    TrackerMeasure {
        id: &'a str,
        responsible: Vec<String>,
    },
    /// The tracker as a whole (its export for the supervising office), with the
    /// agencies that supervise it (`tracker.toml`).
    Tracker {
        supervisors: Vec<String>,
    },
    // ---- issue 16 item 4: S&T enterprise credit ----
    /// An enterprise's credit evaluation, with the financial institutions (account
    /// ids) whose consent to see it is live on the business date.
    CreditEvaluation {
        enterprise: &'a str,
        consented: Vec<String>,
    },
    /// An enterprise's consents (giving, listing, revoking them).
    CreditConsents {
        enterprise: &'a str,
    },
    /// The consents given to one financial institution.
    CreditConsentsGiven {
        institution: &'a str,
    },
    // ---- issue 16: consultation ----
    /// Consultation as a whole (asking a new question).
    Consultation,
    /// A question about a measure: who asked it and the agency that answers it.
    Question {
        id: &'a str,
        asker: &'a str,
        agency: &'a str,
    },
    /// A draft measure published for opinions: its agency and whether its opinion
    /// period is open.
    Draft {
        id: &'a str,
        agency: &'a str,
        open: bool,
    },
    // ---- end of consultation ----
    // ---- issue 16: statistical monitoring ----
    /// The statistical tables as a whole (importing one).
    Statistics,
    // ---- issue 16 item 4: application scenarios and instrument sharing ----
    /// A list of application scenarios: its agency and whether submissions are open.
    ScenarioList {
        id: &'a str,
        agency: &'a str,
        open: bool,
    },
    /// An enterprise's solution to a scenario of `agency`'s list.
    ScenarioSolution {
        id: &'a str,
        enterprise: &'a str,
        agency: &'a str,
    },
    /// A shared instrument and the unit (organisation account) that lists it.
    Instrument {
        id: &'a str,
        unit: &'a str,
    },
    /// A booking of an instrument: the instrument's unit and the booker.
    InstrumentBooking {
        id: &'a str,
        unit: &'a str,
        booker: &'a str,
    },
    // ---- end of application scenarios and instrument sharing ----
}

fn uid(kind: &str, id: &str) -> Result<EntityUid, String> {
    EntityUid::from_json(json!({"type": kind, "id": id})).map_err(|e| e.to_string())
}

impl Authz {
    pub fn new(policy_text: &str) -> Result<Authz, String> {
        let policies: PolicySet = policy_text
            .parse()
            .map_err(|e| format!("policies/access.cedar: {e}"))?;
        Ok(Authz {
            policies,
            authorizer: Authorizer::new(),
        })
    }

    pub fn shipped() -> Result<Authz, String> {
        Authz::new(include_str!("../../../policies/access.cedar"))
    }

    /// `<dir>/access.cedar` when the operator has one (it replaces the shipped policy
    /// whole), else the shipped policy.
    pub fn load(dir: &std::path::Path) -> Result<Authz, String> {
        let path = dir.join("access.cedar");
        match std::fs::read_to_string(&path) {
            Ok(text) => Authz::new(&text)
                .map_err(|e| e.replacen("policies/access.cedar", &path.display().to_string(), 1)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Authz::shipped(),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }

    /// Whether `who` may do `action` (a cedar action id such as `decide_case`) on `resource`.
    pub fn allowed(&self, who: &Account, action: &str, resource: &Resource) -> bool {
        self.decide(who, action, resource).unwrap_or(false)
    }

    fn decide(&self, who: &Account, action: &str, resource: &Resource) -> Result<bool, String> {
        let principal = json!({
            "uid": {"type": "User", "id": who.id},
            "attrs": {
                "id": who.id,
                "role": who.role.as_str(),
                "agency": who.agency.clone().unwrap_or_default(),
                "entity": who.entity.clone().unwrap_or_default(),
            },
            "parents": []
        });
        let (res_uid, res) = match resource {
            Resource::Case {
                id,
                applicant,
                agency,
            } => (
                uid("Case", id)?,
                json!({"uid": {"type": "Case", "id": id}, "attrs": {"applicant": applicant, "agency": agency}, "parents": []}),
            ),
            Resource::Material {
                hash,
                owners,
                agencies,
            } => (
                uid("Material", hash)?,
                json!({"uid": {"type": "Material", "id": hash}, "attrs": {"owners": owners, "agencies": agencies}, "parents": []}),
            ),
            Resource::Project {
                id,
                leader,
                unit,
                agency,
            } => (
                uid("Project", id)?,
                json!({"uid": {"type": "Project", "id": id}, "attrs": {"leader": leader, "unit": unit, "agency": agency}, "parents": []}),
            ),
            Resource::ProjectRegister => (
                uid("ProjectRegister", "all")?,
                json!({"uid": {"type": "ProjectRegister", "id": "all"}, "attrs": {}, "parents": []}),
            ),
            Resource::BudgetChange {
                id,
                leader,
                unit,
                agency,
                approver,
            } => (
                uid("BudgetChange", id)?,
                json!({"uid": {"type": "BudgetChange", "id": id}, "attrs": {"leader": leader, "unit": unit, "agency": agency, "approver": approver}, "parents": []}),
            ),
            Resource::Accounts => (
                uid("Accounts", "all")?,
                json!({"uid": {"type": "Accounts", "id": "all"}, "attrs": {}, "parents": []}),
            ),
            Resource::Calendar => (
                uid("Calendar", "official")?,
                json!({"uid": {"type": "Calendar", "id": "official"}, "attrs": {}, "parents": []}),
            ),
            Resource::Witnesses => (
                uid("Witnesses", "all")?,
                json!({"uid": {"type": "Witnesses", "id": "all"}, "attrs": {}, "parents": []}),
            ),
            Resource::Region { id, agency } => (
                uid("Region", id)?,
                json!({"uid": {"type": "Region", "id": id}, "attrs": {"agency": agency}, "parents": []}),
            ),
            Resource::Voucher { id, holder, agency } => (
                uid("Voucher", id)?,
                json!({"uid": {"type": "Voucher", "id": id}, "attrs": {"holder": holder, "agency": agency}, "parents": []}),
            ),
            Resource::PledgeRegister => (
                uid("PledgeRegister", "all")?,
                json!({"uid": {"type": "PledgeRegister", "id": "all"}, "attrs": {}, "parents": []}),
            ),
            Resource::Pledge {
                id,
                pledgor,
                pledgee,
                applied_by,
                agency,
            } => (
                uid("Pledge", id)?,
                json!({"uid": {"type": "Pledge", "id": id}, "attrs": {"pledgor": pledgor, "pledgee": pledgee, "applied_by": applied_by, "agency": agency}, "parents": []}),
            ),
            Resource::VoucherApplication {
                id,
                applicant,
                agency,
            } => (
                uid("VoucherApplication", id)?,
                json!({"uid": {"type": "VoucherApplication", "id": id}, "attrs": {"applicant": applicant, "agency": agency}, "parents": []}),
            ),
            Resource::Redemption {
                id,
                holder,
                agency,
                provider,
            } => (
                uid("Redemption", id)?,
                json!({"uid": {"type": "Redemption", "id": id}, "attrs": {"holder": holder, "agency": agency, "provider": provider}, "parents": []}),
            ),
            Resource::Settlement { agency, provider } => {
                let id = format!("{agency}/{provider}");
                (
                    uid("Settlement", &id)?,
                    json!({"uid": {"type": "Settlement", "id": id}, "attrs": {"agency": agency, "provider": provider}, "parents": []}),
                )
            }
            Resource::Licences { holder } => (
                uid("Licences", holder)?,
                json!({"uid": {"type": "Licences", "id": holder}, "attrs": {"holder": holder}, "parents": []}),
            ),
            Resource::Licence {
                code,
                holder,
                agency,
            } => (
                uid("Licence", code)?,
                json!({"uid": {"type": "Licence", "id": code}, "attrs": {"holder": holder, "agency": agency}, "parents": []}),
            ),
            // ---- issue 16: notifications and the tracker ----
            Resource::Inbox { owner } => (
                uid("Inbox", owner)?,
                json!({"uid": {"type": "Inbox", "id": owner}, "attrs": {"owner": owner}, "parents": []}),
            ),
            Resource::Reach => (
                uid("Reach", "all")?,
                json!({"uid": {"type": "Reach", "id": "all"}, "attrs": {}, "parents": []}),
            ),
            Resource::TrackerMeasure { id, responsible } => (
                uid("TrackerMeasure", id)?,
                json!({"uid": {"type": "TrackerMeasure", "id": id}, "attrs": {"responsible": responsible}, "parents": []}),
            ),
            Resource::Tracker { supervisors } => (
                uid("Tracker", "all")?,
                json!({"uid": {"type": "Tracker", "id": "all"}, "attrs": {"supervisors": supervisors}, "parents": []}),
            ),
            // ---- issue 16 item 4: S&T enterprise credit ----
            Resource::CreditEvaluation {
                enterprise,
                consented,
            } => (
                uid("CreditEvaluation", enterprise)?,
                json!({"uid": {"type": "CreditEvaluation", "id": enterprise}, "attrs": {"enterprise": enterprise, "consented": consented}, "parents": []}),
            ),
            Resource::CreditConsents { enterprise } => (
                uid("CreditConsents", enterprise)?,
                json!({"uid": {"type": "CreditConsents", "id": enterprise}, "attrs": {"enterprise": enterprise}, "parents": []}),
            ),
            Resource::CreditConsentsGiven { institution } => (
                uid("CreditConsentsGiven", institution)?,
                json!({"uid": {"type": "CreditConsentsGiven", "id": institution}, "attrs": {"institution": institution}, "parents": []}),
            ),
            // ---- issue 16: consultation ----
            Resource::Consultation => (
                uid("Consultation", "all")?,
                json!({"uid": {"type": "Consultation", "id": "all"}, "attrs": {}, "parents": []}),
            ),
            Resource::Question { id, asker, agency } => (
                uid("Question", id)?,
                json!({"uid": {"type": "Question", "id": id}, "attrs": {"asker": asker, "agency": agency}, "parents": []}),
            ),
            Resource::Draft { id, agency, open } => (
                uid("Draft", id)?,
                json!({"uid": {"type": "Draft", "id": id}, "attrs": {"agency": agency, "open": open}, "parents": []}),
            ),
            // ---- issue 16: statistical monitoring ----
            Resource::Statistics => (
                uid("Statistics", "all")?,
                json!({"uid": {"type": "Statistics", "id": "all"}, "attrs": {}, "parents": []}),
            ),
            // ---- issue 16 item 4: application scenarios and instrument sharing ----
            Resource::ScenarioList { id, agency, open } => (
                uid("ScenarioList", id)?,
                json!({"uid": {"type": "ScenarioList", "id": id}, "attrs": {"agency": agency, "open": open}, "parents": []}),
            ),
            Resource::ScenarioSolution {
                id,
                enterprise,
                agency,
            } => (
                uid("ScenarioSolution", id)?,
                json!({"uid": {"type": "ScenarioSolution", "id": id}, "attrs": {"enterprise": enterprise, "agency": agency}, "parents": []}),
            ),
            Resource::Instrument { id, unit } => (
                uid("Instrument", id)?,
                json!({"uid": {"type": "Instrument", "id": id}, "attrs": {"unit": unit}, "parents": []}),
            ),
            Resource::InstrumentBooking { id, unit, booker } => (
                uid("InstrumentBooking", id)?,
                json!({"uid": {"type": "InstrumentBooking", "id": id}, "attrs": {"unit": unit, "booker": booker}, "parents": []}),
            ),
            // ---- end of application scenarios and instrument sharing ----
        };
        let entities =
            Entities::from_json_value(json!([principal, res]), None).map_err(|e| e.to_string())?;
        let request = Request::new(
            uid("User", &who.id)?,
            uid("Action", action)?,
            res_uid,
            Context::empty(),
            None,
        )
        .map_err(|e| e.to_string())?;
        let response = self
            .authorizer
            .is_authorized(&request, &self.policies, &entities);
        Ok(response.decision() == Decision::Allow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Role;

    fn account(role: Role, agency: Option<&str>) -> Account {
        Account {
            id: format!("{}-1", role.as_str()),
            username: role.as_str().into(),
            role,
            agency: agency.map(String::from),
            entity: None,
            display_name: String::new(),
        }
    }

    #[test]
    fn a_tianjin_officer_acts_on_tianjin_cases_only() {
        let authz = Authz::shipped().expect("policies parse");
        let tianjin = account(Role::Officer, Some("tianjin-sci-tech"));
        let case = |agency| Resource::Case {
            id: "c1",
            applicant: "someone",
            agency,
        };
        for action in [
            "view_case",
            "accept_case",
            "request_info",
            "decide_case",
            "supervise_case",
        ] {
            assert!(
                authz.allowed(&tianjin, action, &case("tianjin-sci-tech")),
                "{action}"
            );
            assert!(
                !authz.allowed(&tianjin, action, &case("sci-tech")),
                "{action}"
            );
            assert!(
                !authz.allowed(&tianjin, action, &case("hebei-sci-tech")),
                "{action}"
            );
        }
    }

    #[test]
    fn only_the_case_agency_checks_an_approval_upon_filing() {
        let authz = Authz::shipped().expect("policies parse");
        let case = Resource::Case {
            id: "c1",
            applicant: "ent",
            agency: "sci-tech",
        };
        let may = |a: &Account| authz.allowed(a, "supervise_case", &case);
        assert!(may(&account(Role::Officer, Some("sci-tech"))));
        assert!(!may(&account(Role::Officer, Some("tax"))));
        assert!(!may(&account(Role::Admin, None)));
        let mut applicant = account(Role::Applicant, None);
        applicant.id = "ent".into();
        assert!(!may(&applicant), "the applicant never checks itself");
    }

    #[test]
    fn only_the_deciding_agency_changes_a_licence_status() {
        let authz = Authz::shipped().expect("policies parse");
        let licence = Resource::Licence {
            code: "BJ-00000-00000",
            holder: "ent",
            agency: "sci-tech",
        };
        let may = |a: &Account| authz.allowed(a, "change_licence_status", &licence);
        assert!(may(&account(Role::Officer, Some("sci-tech"))));
        assert!(!may(&account(Role::Officer, Some("tianjin-sci-tech"))));
        assert!(
            !may(&account(Role::Admin, None)),
            "administrators do not decide"
        );
        let mut holder = account(Role::Applicant, None);
        holder.id = "ent".into();
        assert!(!may(&holder), "the holder never changes its own licence");
    }

    #[test]
    fn only_admins_load_holiday_notices() {
        let authz = Authz::shipped().expect("policies parse");
        let may = |a: &Account| authz.allowed(a, "import_calendar", &Resource::Calendar);
        assert!(may(&account(Role::Admin, None)));
        assert!(!may(&account(Role::Officer, Some("foreign-experts"))));
        assert!(!may(&account(Role::Officer, Some("sci-tech"))));
        assert!(!may(&account(Role::Applicant, None)));
        // Admins get nothing else on the calendar by this rule.
        assert!(!authz.allowed(
            &account(Role::Admin, None),
            "decide_case",
            &Resource::Calendar
        ));
    }

    #[test]
    fn only_admins_see_the_witnesses_page() {
        let authz = Authz::shipped().expect("policies parse");
        let may = |a: &Account| authz.allowed(a, "view_witnesses", &Resource::Witnesses);
        assert!(may(&account(Role::Admin, None)));
        for officer in ["sci-tech", "tianjin-sci-tech", "hebei-sci-tech"] {
            assert!(!may(&account(Role::Officer, Some(officer))), "{officer}");
        }
        assert!(!may(&account(Role::Applicant, None)));
        // The rule names this one action on this one resource.
        assert!(!authz.allowed(
            &account(Role::Admin, None),
            "import_calendar",
            &Resource::Witnesses
        ));
        assert!(!authz.allowed(
            &account(Role::Admin, None),
            "view_witnesses",
            &Resource::Calendar
        ));
    }

    /// Every party a research project can meet, by name.
    fn project_parties() -> Vec<(&'static str, Account)> {
        let named = |name: &str, role: Role, agency: Option<&str>| {
            let mut a = account(role, agency);
            a.id = name.into();
            a
        };
        vec![
            ("leader", named("leader", Role::Applicant, None)),
            ("unit", named("unit", Role::Applicant, None)),
            ("other applicant", named("rival", Role::Applicant, None)),
            (
                "commission officer",
                named("o-bj", Role::Officer, Some("sci-tech")),
            ),
            (
                "tianjin officer",
                named("o-tj", Role::Officer, Some("tianjin-sci-tech")),
            ),
            (
                "another agency's officer",
                named("o-fe", Role::Officer, Some("foreign-experts")),
            ),
            ("admin", named("root", Role::Admin, None)),
        ]
    }

    /// Asserts that exactly `allowed` of the parties may do `action` on `resource`.
    fn exactly(authz: &Authz, action: &str, resource: &Resource, allowed: &[&str]) {
        for (name, who) in project_parties() {
            assert_eq!(
                authz.allowed(&who, action, resource),
                allowed.contains(&name),
                "{action} by the {name}"
            );
        }
    }

    #[test]
    fn every_project_action_denies_every_party_not_allowed() {
        let authz = Authz::shipped().expect("policies parse");
        let project = Resource::Project {
            id: "p1",
            leader: "leader",
            unit: "unit",
            agency: "sci-tech",
        };
        exactly(
            &authz,
            "file_project",
            &Resource::ProjectRegister,
            &["leader", "unit", "other applicant"],
        );
        exactly(
            &authz,
            "view_project",
            &project,
            &["leader", "unit", "commission officer", "admin"],
        );
        for action in ["amend_project", "report_project", "adjust_project"] {
            exactly(&authz, action, &project, &["leader"]);
        }
        for action in [
            "review_project",
            "accept_milestone",
            "inspect_project",
            "accept_project",
        ] {
            exactly(&authz, action, &project, &["commission officer"]);
        }
        // A project without a named unit: nobody is its unit.
        let no_unit = Resource::Project {
            id: "p0",
            leader: "leader",
            unit: "",
            agency: "sci-tech",
        };
        exactly(
            &authz,
            "view_project",
            &no_unit,
            &["leader", "commission officer", "admin"],
        );
        // Nothing granted on a project is granted on another agency's project.
        let tianjin = Resource::Project {
            id: "p2",
            leader: "leader",
            unit: "unit",
            agency: "tianjin-sci-tech",
        };
        exactly(&authz, "accept_project", &tianjin, &["tianjin officer"]);
        // A budget decision is about a budget change, never a project.
        exactly(&authz, "decide_budget_change", &project, &[]);
    }

    #[test]
    fn a_budget_change_is_decided_by_the_approver_the_rule_names_only() {
        let authz = Authz::shipped().expect("policies parse");
        let change = |approver| Resource::BudgetChange {
            id: "p1/1",
            leader: "leader",
            unit: "unit",
            agency: "sci-tech",
            approver,
        };
        exactly(
            &authz,
            "decide_budget_change",
            &change("approver_undertaking_unit"),
            &["unit"],
        );
        exactly(
            &authz,
            "decide_budget_change",
            &change("approver_competent_department"),
            &["commission officer"],
        );
        exactly(&authz, "decide_budget_change", &change("someone_else"), &[]);
        // The leader never approves its own request, even as the unit's account.
        let own = Resource::BudgetChange {
            id: "p1/2",
            leader: "unit",
            unit: "unit",
            agency: "sci-tech",
            approver: "approver_undertaking_unit",
        };
        exactly(&authz, "decide_budget_change", &own, &[]);
        // No project action is granted on a budget change.
        for action in ["view_project", "adjust_project", "accept_project"] {
            exactly(&authz, action, &change("approver_undertaking_unit"), &[]);
        }
    }

    // ---- IP pledges ----

    /// Every party an IP pledge can meet, by name.
    fn pledge_parties() -> Vec<(&'static str, Account)> {
        let named = |name: &str, role: Role, agency: Option<&str>| {
            let mut a = account(role, agency);
            a.id = name.into();
            a
        };
        vec![
            ("pledgor", named("pledgor", Role::Applicant, None)),
            ("pledgee", named("bank", Role::FinancialInstitution, None)),
            (
                "another bank",
                named("other-bank", Role::FinancialInstitution, None),
            ),
            ("another applicant", named("rival", Role::Applicant, None)),
            (
                "ip officer",
                named("o-ip", Role::Officer, Some("ip-office")),
            ),
            (
                "another agency's officer",
                named("o-st", Role::Officer, Some("sci-tech")),
            ),
            ("admin", named("root", Role::Admin, None)),
        ]
    }

    /// Asserts that exactly `allowed` of the pledge parties may do `action` on `resource`.
    fn exactly_of_pledge(authz: &Authz, action: &str, resource: &Resource, allowed: &[&str]) {
        for (name, who) in pledge_parties() {
            assert_eq!(
                authz.allowed(&who, action, resource),
                allowed.contains(&name),
                "{action} by the {name}"
            );
        }
    }

    // ---- innovation vouchers with every party (issue 15) ----

    /// Every party a voucher can meet, by name: the holder and another enterprise, a
    /// person, the provider named and another provider, the three regions' agencies,
    /// another agency, an administrator.
    fn voucher_parties() -> Vec<(&'static str, Account)> {
        let named = |name: &str, role: Role, agency: Option<&str>, entity: Option<&str>| {
            let mut a = account(role, agency);
            a.id = name.into();
            a.entity = entity.map(String::from);
            a
        };
        vec![
            (
                "holder",
                named("holder", Role::Applicant, None, Some("enterprise")),
            ),
            (
                "rival",
                named("rival", Role::Applicant, None, Some("enterprise")),
            ),
            (
                "person",
                named("pat", Role::Applicant, None, Some("person")),
            ),
            ("provider", named("lab", Role::Provider, None, None)),
            ("other provider", named("lab2", Role::Provider, None, None)),
            (
                "beijing",
                named("o-bj", Role::Officer, Some("sci-tech"), None),
            ),
            (
                "tianjin",
                named("o-tj", Role::Officer, Some("tianjin-sci-tech"), None),
            ),
            (
                "hebei",
                named("o-hb", Role::Officer, Some("hebei-sci-tech"), None),
            ),
            (
                "foreign",
                named("o-fe", Role::Officer, Some("foreign-experts"), None),
            ),
            ("admin", named("root", Role::Admin, None, None)),
        ]
    }

    fn only(authz: &Authz, action: &str, resource: &Resource, allowed: &[&str]) {
        for (name, who) in voucher_parties() {
            assert_eq!(
                authz.allowed(&who, action, resource),
                allowed.contains(&name),
                "{action} by {name}"
            );
        }
    }

    fn pledge(applied_by: &'static str) -> Resource<'static> {
        Resource::Pledge {
            id: "pl1",
            pledgor: "pledgor",
            pledgee: "bank",
            applied_by,
            agency: "ip-office",
        }
    }

    #[test]
    fn every_pledge_action_denies_every_party_not_allowed() {
        let authz = Authz::shipped().expect("policies parse");
        exactly_of_pledge(
            &authz,
            "apply_pledge",
            &Resource::PledgeRegister,
            &["pledgor", "pledgee", "another bank", "another applicant"],
        );
        // The party that did not start the application countersigns it, only it.
        exactly_of_pledge(
            &authz,
            "countersign_pledge",
            &pledge("pledgor"),
            &["pledgee"],
        );
        exactly_of_pledge(
            &authz,
            "countersign_pledge",
            &pledge("pledgee"),
            &["pledgor"],
        );
        exactly_of_pledge(&authz, "countersign_pledge", &pledge("someone"), &[]);
        for applied_by in ["pledgor", "pledgee"] {
            let p = pledge(applied_by);
            for action in [
                "register_pledge",
                "refuse_pledge",
                "release_pledge_by_order",
            ] {
                exactly_of_pledge(&authz, action, &p, &["ip officer"]);
            }
            // The pledgor alone never releases; nor does an administrator.
            exactly_of_pledge(&authz, "release_pledge", &p, &["pledgee"]);
            exactly_of_pledge(
                &authz,
                "view_pledge",
                &p,
                &["pledgor", "pledgee", "ip officer", "admin"],
            );
        }
        // A pledge registered before lenders had accounts: no pledgee releases it,
        // only the officer on a court order.
        let legacy = Resource::Pledge {
            id: "pl0",
            pledgor: "pledgor",
            pledgee: "",
            applied_by: "pledgor",
            agency: "ip-office",
        };
        exactly_of_pledge(&authz, "release_pledge", &legacy, &[]);
        exactly_of_pledge(&authz, "release_pledge_by_order", &legacy, &["ip officer"]);
        // Another authority's pledge is not the Beijing desk's to act on.
        let elsewhere = Resource::Pledge {
            id: "pl2",
            pledgor: "pledgor",
            pledgee: "bank",
            applied_by: "pledgor",
            agency: "sci-tech",
        };
        exactly_of_pledge(
            &authz,
            "register_pledge",
            &elsewhere,
            &["another agency's officer"],
        );
        // No pledge action is granted on the register as a whole, nor applying on a pledge.
        for action in [
            "register_pledge",
            "release_pledge",
            "view_pledge",
            "countersign_pledge",
        ] {
            exactly_of_pledge(&authz, action, &Resource::PledgeRegister, &[]);
        }
        exactly_of_pledge(&authz, "apply_pledge", &pledge("pledgor"), &[]);
    }
    #[test]
    fn every_voucher_action_denies_every_party_not_allowed() {
        let authz = Authz::shipped().expect("policies parse");
        let tianjin = Resource::Region {
            id: "tianjin",
            agency: "tianjin-sci-tech",
        };
        only(&authz, "apply_voucher", &tianjin, &["holder", "rival"]);
        only(&authz, "issue_voucher", &tianjin, &["tianjin", "admin"]);
        let application = Resource::VoucherApplication {
            id: "a1",
            applicant: "holder",
            agency: "tianjin-sci-tech",
        };
        only(
            &authz,
            "view_voucher_application",
            &application,
            &["holder", "tianjin", "admin"],
        );
        only(
            &authz,
            "decide_voucher_application",
            &application,
            &["tianjin"],
        );
        let voucher = Resource::Voucher {
            id: "v1",
            holder: "holder",
            agency: "tianjin-sci-tech",
        };
        only(
            &authz,
            "view_voucher",
            &voucher,
            &["holder", "tianjin", "admin"],
        );
        only(&authz, "redeem_voucher", &voucher, &["holder"]);
        let redemption = Resource::Redemption {
            id: "r1",
            holder: "holder",
            agency: "tianjin-sci-tech",
            provider: "lab",
        };
        for action in ["confirm_redemption", "decline_redemption"] {
            only(&authz, action, &redemption, &["provider"]);
        }
        only(&authz, "withdraw_redemption", &redemption, &["holder"]);
        only(
            &authz,
            "view_redemption",
            &redemption,
            &["holder", "provider", "tianjin", "admin"],
        );
        let line = Resource::Settlement {
            agency: "tianjin-sci-tech",
            provider: "lab",
        };
        only(
            &authz,
            "view_settlement",
            &line,
            &["provider", "tianjin", "admin"],
        );
        // Nothing granted on one kind of resource is granted on another.
        for action in [
            "decide_voucher_application",
            "confirm_redemption",
            "withdraw_redemption",
            "view_settlement",
        ] {
            only(&authz, action, &voucher, &[]);
        }
        only(&authz, "confirm_redemption", &application, &[]);
        only(&authz, "apply_voucher", &voucher, &[]);
    }
    // ---- end of innovation vouchers ----

    // ---- issue 16: notifications and the tracker ----

    #[test]
    fn only_the_owner_reads_notifications_and_manages_the_subscription() {
        let authz = Authz::shipped().expect("policies parse");
        let inbox = Resource::Inbox { owner: "ent" };
        for action in ["read_notifications", "manage_subscription"] {
            for (name, who) in project_parties() {
                assert!(
                    !authz.allowed(&who, action, &inbox),
                    "{action} by the {name}"
                );
            }
            let mut owner = account(Role::Applicant, None);
            owner.id = "ent".into();
            assert!(
                authz.allowed(&owner, action, &inbox),
                "{action} by the owner"
            );
            // An officer whose id happened to equal the owner's is still not the owner.
            let mut officer = account(Role::Officer, Some("sci-tech"));
            officer.id = "ent".into();
            assert!(
                !authz.allowed(&officer, action, &inbox),
                "{action} by an officer"
            );
        }
    }

    #[test]
    fn officers_and_admins_see_the_reach_of_measures_applicants_do_not() {
        let authz = Authz::shipped().expect("policies parse");
        exactly(
            &authz,
            "view_reach",
            &Resource::Reach,
            &[
                "commission officer",
                "tianjin officer",
                "another agency's officer",
                "admin",
            ],
        );
        exactly(&authz, "view_reach", &Resource::Calendar, &[]);
    }

    #[test]
    fn only_officers_of_a_responsible_organisation_record_tracker_progress() {
        let authz = Authz::shipped().expect("policies parse");
        let measure = Resource::TrackerMeasure {
            id: "talent.one-window",
            responsible: vec!["sci-tech".into(), "exit-entry".into()],
        };
        exactly(&authz, "record_progress", &measure, &["commission officer"]);
        let nobody = Resource::TrackerMeasure {
            id: "gov.x",
            responsible: vec![],
        };
        exactly(&authz, "record_progress", &nobody, &[]);
        exactly(&authz, "record_progress", &Resource::Reach, &[]);
    }

    #[test]
    fn the_supervising_office_and_admins_export_the_tracker() {
        let authz = Authz::shipped().expect("policies parse");
        let tracker = Resource::Tracker {
            supervisors: vec!["sci-tech".into()],
        };
        exactly(
            &authz,
            "export_tracker",
            &tracker,
            &["commission officer", "admin"],
        );
        exactly(
            &authz,
            "export_tracker",
            &Resource::TrackerMeasure {
                id: "talent.one-window",
                responsible: vec!["sci-tech".into()],
            },
            &[],
        );
    }

    // ---- issue 16 item 4: S&T enterprise credit ----

    /// Every party a credit evaluation can meet, by name.
    fn credit_parties() -> Vec<(&'static str, Account)> {
        let named = |name: &str, role: Role, agency: Option<&str>, entity: Option<&str>| {
            let mut a = account(role, agency);
            a.id = name.into();
            a.entity = entity.map(String::from);
            a
        };
        vec![
            (
                "enterprise",
                named("ent", Role::Applicant, None, Some("enterprise")),
            ),
            (
                "another enterprise",
                named("rival", Role::Applicant, None, Some("enterprise")),
            ),
            // A person whose account id happened to be the enterprise's is still not it.
            (
                "person",
                named("ent", Role::Applicant, None, Some("person")),
            ),
            (
                "consented bank",
                named("bank", Role::FinancialInstitution, None, None),
            ),
            (
                "other bank",
                named("bank2", Role::FinancialInstitution, None, None),
            ),
            (
                "commission officer",
                named("o-st", Role::Officer, Some("sci-tech"), None),
            ),
            (
                "tianjin officer",
                named("o-tj", Role::Officer, Some("tianjin-sci-tech"), None),
            ),
            (
                "ip officer",
                named("o-ip", Role::Officer, Some("ip-office"), None),
            ),
            ("provider", named("lab", Role::Provider, None, None)),
            ("admin", named("root", Role::Admin, None, None)),
        ]
    }

    fn exactly_of_credit(authz: &Authz, action: &str, resource: &Resource, allowed: &[&str]) {
        for (name, who) in credit_parties() {
            assert_eq!(
                authz.allowed(&who, action, resource),
                allowed.contains(&name),
                "{action} by the {name}"
            );
        }
    }

    #[test]
    fn a_financial_institution_sees_a_credit_evaluation_only_with_live_consent() {
        let authz = Authz::shipped().expect("policies parse");
        let with_consent = Resource::CreditEvaluation {
            enterprise: "ent",
            consented: vec!["bank".into()],
        };
        exactly_of_credit(
            &authz,
            "view_credit_evaluation",
            &with_consent,
            &["enterprise", "consented bank", "commission officer"],
        );
        // Without consent (never given, expired or revoked: the list is empty) no
        // institution sees it.
        let without = Resource::CreditEvaluation {
            enterprise: "ent",
            consented: vec![],
        };
        exactly_of_credit(
            &authz,
            "view_credit_evaluation",
            &without,
            &["enterprise", "commission officer"],
        );
        // A consent naming an account that is not an institution grants nothing.
        let misnamed = Resource::CreditEvaluation {
            enterprise: "ent",
            consented: vec!["rival".into(), "lab".into(), "root".into()],
        };
        exactly_of_credit(
            &authz,
            "view_credit_evaluation",
            &misnamed,
            &["enterprise", "commission officer"],
        );
        // Nothing granted on consents is granted on the evaluation, and back.
        exactly_of_credit(
            &authz,
            "view_credit_evaluation",
            &Resource::CreditConsents { enterprise: "ent" },
            &[],
        );
    }

    #[test]
    fn only_the_enterprise_manages_its_credit_consents() {
        let authz = Authz::shipped().expect("policies parse");
        exactly_of_credit(
            &authz,
            "manage_credit_consent",
            &Resource::CreditConsents { enterprise: "ent" },
            &["enterprise"],
        );
        exactly_of_credit(
            &authz,
            "manage_credit_consent",
            &Resource::CreditEvaluation {
                enterprise: "ent",
                consented: vec!["bank".into()],
            },
            &[],
        );
    }

    #[test]
    fn only_the_institution_lists_the_consents_given_to_it() {
        let authz = Authz::shipped().expect("policies parse");
        exactly_of_credit(
            &authz,
            "view_credit_consents_given",
            &Resource::CreditConsentsGiven {
                institution: "bank",
            },
            &["consented bank"],
        );
        exactly_of_credit(
            &authz,
            "view_credit_consents_given",
            &Resource::CreditConsents { enterprise: "bank" },
            &[],
        );
    }

    // ---- issue 16: consultation ----

    /// The parties of consultation: the project parties (the "leader" asks), an
    /// enterprise and a person who are not the asker, a lender and a provider.
    fn consultation_parties() -> Vec<(&'static str, Account)> {
        let named = |name: &str, role: Role, agency: Option<&str>, entity: Option<&str>| {
            let mut a = account(role, agency);
            a.id = name.into();
            a.entity = entity.map(String::from);
            a
        };
        let mut parties = project_parties();
        for p in &mut parties {
            if p.1.role == Role::Applicant {
                p.1.entity = Some("enterprise".into());
            }
        }
        parties.push((
            "person",
            named("person", Role::Applicant, None, Some("person")),
        ));
        parties.push((
            "bank",
            named("bank", Role::FinancialInstitution, None, None),
        ));
        parties.push(("provider", named("prov", Role::Provider, None, None)));
        parties
    }

    fn only_parties(authz: &Authz, action: &str, resource: &Resource, allowed: &[&str]) {
        for (name, who) in consultation_parties() {
            assert_eq!(
                authz.allowed(&who, action, resource),
                allowed.contains(&name),
                "{action} by the {name}"
            );
        }
    }

    #[test]
    fn only_applicants_ask_questions() {
        let authz = Authz::shipped().expect("policies parse");
        only_parties(
            &authz,
            "ask_question",
            &Resource::Consultation,
            &["leader", "unit", "other applicant", "person"],
        );
        only_parties(&authz, "ask_question", &Resource::Reach, &[]);
    }

    #[test]
    fn a_question_is_seen_by_its_asker_and_answered_by_its_agency_only() {
        let authz = Authz::shipped().expect("policies parse");
        let q = Resource::Question {
            id: "q1",
            asker: "leader",
            agency: "sci-tech",
        };
        only_parties(
            &authz,
            "view_question",
            &q,
            &["leader", "commission officer", "admin"],
        );
        for action in ["answer_question", "publish_faq"] {
            only_parties(&authz, action, &q, &["commission officer"]);
        }
        let elsewhere = Resource::Question {
            id: "q2",
            asker: "leader",
            agency: "foreign-experts",
        };
        only_parties(
            &authz,
            "answer_question",
            &elsewhere,
            &["another agency's officer"],
        );
        // An officer whose id equals the asker's is still not the asker.
        let mut officer = account(Role::Officer, Some("tax"));
        officer.id = "leader".into();
        assert!(!authz.allowed(&officer, "view_question", &q));
    }

    #[test]
    fn drafts_are_the_agencys_and_opinions_come_from_enterprises_while_open() {
        let authz = Authz::shipped().expect("policies parse");
        let open = Resource::Draft {
            id: "d1",
            agency: "sci-tech",
            open: true,
        };
        let closed = Resource::Draft {
            id: "d1",
            agency: "sci-tech",
            open: false,
        };
        only_parties(&authz, "publish_draft", &open, &["commission officer"]);
        only_parties(
            &authz,
            "submit_opinion",
            &open,
            &["leader", "unit", "other applicant"],
        );
        only_parties(&authz, "submit_opinion", &closed, &[]);
        for r in [&open, &closed] {
            only_parties(&authz, "view_opinions", r, &["commission officer", "admin"]);
            only_parties(&authz, "close_draft", r, &["commission officer"]);
        }
        only_parties(&authz, "submit_opinion", &Resource::Consultation, &[]);
    }

    // ---- issue 16: statistical monitoring ----
    #[test]
    fn only_agency_officers_import_statistical_tables() {
        let authz = Authz::shipped().expect("policies parse");
        exactly(
            &authz,
            "import_statistics",
            &Resource::Statistics,
            &[
                "commission officer",
                "tianjin officer",
                "another agency's officer",
            ],
        );
        // An officer without an agency imports nothing (the agency is recorded).
        assert!(!authz.allowed(
            &account(Role::Officer, None),
            "import_statistics",
            &Resource::Statistics
        ));
        assert!(!authz.allowed(
            &account(Role::Officer, Some("")),
            "import_statistics",
            &Resource::Statistics
        ));
        // The action is on the statistics only.
        exactly(&authz, "import_statistics", &Resource::Reach, &[]);
        exactly(&authz, "import_statistics", &Resource::Calendar, &[]);
    }

    // ---- issue 16 item 4: application scenarios and instrument sharing ----

    #[test]
    fn scenario_lists_are_the_agency_s_and_solutions_come_from_enterprises_while_open() {
        let authz = Authz::shipped().expect("policies parse");
        let open = Resource::ScenarioList {
            id: "l1",
            agency: "sci-tech",
            open: true,
        };
        let closed = Resource::ScenarioList {
            id: "l1",
            agency: "sci-tech",
            open: false,
        };
        for r in [&open, &closed] {
            for action in [
                "publish_scenario_list",
                "select_solution",
                "publish_scenario_results",
            ] {
                only_parties(&authz, action, r, &["commission officer"]);
            }
            only_parties(
                &authz,
                "view_solutions",
                r,
                &["commission officer", "admin"],
            );
        }
        only_parties(
            &authz,
            "submit_solution",
            &open,
            &["leader", "unit", "other applicant"],
        );
        only_parties(&authz, "submit_solution", &closed, &[]);
        let solution = Resource::ScenarioSolution {
            id: "s1",
            enterprise: "unit",
            agency: "sci-tech",
        };
        only_parties(
            &authz,
            "view_solution",
            &solution,
            &["unit", "commission officer", "admin"],
        );
        only_parties(&authz, "select_solution", &solution, &[]);
        only_parties(&authz, "submit_solution", &Resource::Consultation, &[]);
    }

    #[test]
    fn instruments_are_listed_and_decided_by_their_unit_and_booked_by_others() {
        let authz = Authz::shipped().expect("policies parse");
        let instrument = Resource::Instrument {
            id: "i1",
            unit: "unit",
        };
        only_parties(&authz, "list_instrument", &instrument, &["unit"]);
        only_parties(
            &authz,
            "book_instrument",
            &instrument,
            &["leader", "other applicant", "person"],
        );
        only_parties(
            &authz,
            "view_instrument_bookings",
            &instrument,
            &["unit", "admin"],
        );
        let booking = Resource::InstrumentBooking {
            id: "b1",
            unit: "unit",
            booker: "rival",
        };
        for action in ["decide_booking", "report_usage"] {
            only_parties(&authz, action, &booking, &["unit"]);
        }
        only_parties(
            &authz,
            "view_booking",
            &booking,
            &["unit", "other applicant", "admin"],
        );
        // An officer whose id equals the unit's is not the unit.
        let mut officer = account(Role::Officer, Some("sci-tech"));
        officer.id = "unit".into();
        assert!(!authz.allowed(&officer, "decide_booking", &booking));
        assert!(!authz.allowed(&officer, "list_instrument", &instrument));
        // Nothing on an instrument is granted on a booking, nor the reverse.
        only_parties(&authz, "decide_booking", &instrument, &[]);
        only_parties(&authz, "book_instrument", &booking, &[]);
    }
    // ---- end of application scenarios and instrument sharing ----
}
