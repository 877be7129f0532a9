//! The shapes of the API's answers for the OpenAPI document. The values themselves are
//! written by `onestop-cases` and `onestop-engine` (which know nothing of OpenAPI);
//! these types only describe them, and the router tests check answers against them.
#![allow(dead_code)] // described, never built

use serde::Serialize;
use utoipa::ToSchema;

/// Every failure: what went wrong and what to do about it.
#[derive(ToSchema, Serialize)]
pub struct Error {
    /// What went wrong and what to do about it.
    error: String,
    /// The input at fault, when there is one.
    field: Option<String>,
    /// The engine's explanation, when the rules refused.
    explanation: Option<String>,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Applicant,
    Officer,
    Admin,
}

#[derive(ToSchema, Serialize)]
pub struct Account {
    id: String,
    username: String,
    role: Role,
    /// The agency an officer works for.
    agency: Option<String>,
    /// `enterprise` or `person` for applicants.
    entity: Option<String>,
    display_name: String,
}

/// A signed-in session: send `Authorization: Bearer <token>`.
#[derive(ToSchema, Serialize)]
pub struct Session {
    token: String,
    expires_at: String,
    account: Account,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    Submitted,
    Accepted,
    InReview,
    MoreInfoNeeded,
    Approved,
    Rejected,
    Withdrawn,
    /// Approved upon filing or on commitment, then revoked by the ex-post check.
    Revoked,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Supervision {
    Pending,
    Passed,
    Revoked,
}

/// One agency's case of a bundle.
#[derive(ToSchema, Serialize)]
pub struct Case {
    id: String,
    bundle_id: String,
    service: String,
    kind: String,
    agency: String,
    state: CaseState,
    working_days: Option<i64>,
    accepted_on: Option<String>,
    #[schema(format = Date)]
    deadline: Option<String>,
    /// Counted through a year without an official holiday notice.
    deadline_provisional: bool,
    clock_stopped_on: Option<String>,
    #[schema(minimum = 0)]
    suspended_days: i64,
    overdue: bool,
    /// Who decided; `onestop (approval upon filing)` when the rules did.
    decided_by: Option<String>,
    /// The ex-post check of an approval upon filing or on commitment.
    supervision: Option<Supervision>,
    #[schema(format = Date)]
    supervision_due: Option<String>,
    /// The rules flag this filing to be checked first.
    supervision_risk: bool,
}

/// A document the case's agency asks for, with the file given for it.
#[derive(ToSchema, Serialize)]
pub struct MaterialSlot {
    /// The material's key, used in `documents` when applying and adding material.
    id: String,
    title_en: String,
    title_zh: String,
    /// A case cannot be accepted while a required material is missing.
    required: bool,
    /// Accepted media types.
    types: Vec<String>,
    file: Option<Material>,
}

/// A case with its audit trail, facts, the engine's evaluation and explanation.
#[derive(ToSchema, Serialize)]
pub struct CaseDetail {
    #[schema(inline)]
    #[serde(flatten)]
    case: Case,
    #[schema(value_type = Vec<Object>)]
    audit: Vec<()>,
    #[schema(value_type = Object)]
    facts: (),
    #[schema(value_type = Object)]
    evaluation: (),
    explanation: String,
    rules_version: String,
    #[schema(value_type = Vec<Object>)]
    materials: Vec<()>,
    /// What this case's agency asks for, each with the file given for it.
    required_materials: Vec<MaterialSlot>,
}

/// An application: one case per agency.
#[derive(ToSchema, Serialize)]
pub struct Bundle {
    id: String,
    service: String,
    idempotency_key: String,
    created_at: String,
    rules_version: String,
    status: String,
    cases: Vec<Case>,
}

/// A stored material, named by the hash of its bytes.
#[derive(ToSchema, Serialize)]
pub struct Material {
    hash: String,
    content_type: String,
    size: i64,
    filename: String,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Eligible,
    NotEligible,
    Undetermined,
}

/// Working days counted through years without an official notice.
#[derive(ToSchema, Serialize)]
pub struct Provisional {
    years: Vec<i32>,
    eligibility: bool,
    outputs: Vec<String>,
    reason: String,
}

#[derive(ToSchema, Serialize)]
pub struct MeasureResult {
    measure: String,
    #[schema(value_type = Value)]
    title: (),
    status: MeasureStatus,
    #[schema(value_type = Object)]
    outputs: (),
    /// Facts that could still change the status.
    missing: Vec<String>,
    /// Facts that could still change an amount.
    missing_for_outputs: Vec<String>,
    errors: Vec<String>,
    #[schema(value_type = Value)]
    sources: (),
    #[schema(required = true)]
    provisional: Option<Provisional>,
    /// How far the answer can be relied on; null when nothing it went through carries
    /// an `uncertain` or `placeholder` mark (docs/rule-language.md).
    #[schema(required = true)]
    confidence: Option<ConfidenceReport>,
}

/// `settled`, `uncertain` (a figure, reading or citation not verified) or
/// `placeholder` (computed from a stand-in figure: not an amount to rely on).
#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfidenceLevel {
    Settled,
    Uncertain,
    Placeholder,
}

/// The status's and each output's confidence, and every mark with its reason.
#[derive(ToSchema, Serialize)]
pub struct ConfidenceReport {
    eligibility: ConfidenceLevel,
    /// Per output name, its `ConfidenceLevel`.
    #[schema(value_type = Object)]
    outputs: (),
    doubts: Vec<DoubtReport>,
}

/// One `uncertain` or `placeholder` mark the answer went through.
#[derive(ToSchema, Serialize)]
pub struct DoubtReport {
    /// parameter, parameter citation, definition, definition citation, measure or measure citation
    on: String,
    name: String,
    /// uncertain or placeholder
    kind: String,
    reason: Texts,
    /// The marked citation, when the mark is on a citation.
    #[schema(required = true)]
    citation: Option<String>,
    /// The cited section's portal page, when the marked citation names a seed document.
    #[schema(required = true)]
    url: Option<String>,
    /// `eligibility` and the output names it affects.
    affects: Vec<String>,
}

/// Per measure: status, outputs and the facts still missing.
#[derive(ToSchema, Serialize)]
pub struct Evaluation {
    entity: String,
    #[schema(format = Date)]
    date: String,
    rules_version: String,
    measures: Vec<MeasureResult>,
}

/// An evaluation with its explanation as text.
#[derive(ToSchema, Serialize)]
pub struct Explained {
    #[serde(flatten)]
    evaluation: Evaluation,
    explanation: String,
}

#[derive(ToSchema, Serialize)]
pub struct Texts {
    en: String,
    zh: String,
}

#[derive(ToSchema, Serialize)]
pub struct Choice {
    value: String,
    en: String,
    zh: String,
}

/// A fact worth asking, most decisive first.
#[derive(ToSchema, Serialize)]
pub struct Question {
    fact: String,
    #[serde(rename = "type")]
    ty: String,
    title: Texts,
    question: Texts,
    options: Vec<Choice>,
    #[schema(minimum = 0)]
    decides_status_of: usize,
    #[schema(minimum = 0)]
    needed_for_amounts_of: usize,
    measures: Vec<String>,
}

#[derive(ToSchema, Serialize)]
pub struct Questions {
    /// Every status is determined.
    done: bool,
    #[schema(minimum = 0)]
    undetermined: usize,
    questions: Vec<Question>,
}

/// The stored facts that pre-fill every application.
#[derive(ToSchema, Serialize)]
pub struct Profile {
    #[schema(value_type = Object)]
    facts: (),
}

#[derive(ToSchema, Serialize)]
pub struct AgencyPerformance {
    agency: String,
    #[schema(minimum = 0)]
    decided: usize,
    #[schema(minimum = 0)]
    on_time: usize,
    #[schema(minimum = 0, maximum = 100)]
    on_time_percent: Option<u32>,
}

#[derive(ToSchema, Serialize)]
pub struct ServicePerformance {
    service: String,
    #[schema(minimum = 0)]
    decided: usize,
    median_working_days: Option<i64>,
}

/// Per agency: decided cases with a deadline and how many on time; per service: the
/// median working days from acceptance to decision.
#[derive(ToSchema, Serialize)]
pub struct Performance {
    agencies: Vec<AgencyPerformance>,
    services: Vec<ServicePerformance>,
}

// ---- the register's requests (parsed by `onestop_cases`, described here) ----

/// Issue an innovation voucher to an enterprise.
#[derive(ToSchema, Serialize)]
pub struct IssueVoucher {
    /// beijing, tianjin or hebei
    #[schema(pattern = "^(beijing|tianjin|hebei)$")]
    region: String,
    /// Username of the enterprise's account.
    holder: String,
    /// Value in yuan, e.g. "50000.00".
    #[schema(pattern = "^[1-9][0-9]{0,8}(\\.[0-9]{1,2})?$")]
    value: String,
    /// Last day it may be redeemed, YYYY-MM-DD.
    #[schema(format = Date)]
    expires_on: String,
    #[serde(default)]
    #[schema(max_length = 500)]
    purpose: String,
}

/// Ask a service provider to redeem part of a voucher's balance: the amount is
/// reserved at once and counts when the provider confirms it.
#[derive(ToSchema, Serialize)]
pub struct Redeem {
    /// Amount in yuan, e.g. "1200.00".
    #[schema(pattern = "^[1-9][0-9]{0,8}(\\.[0-9]{1,2})?$")]
    amount: String,
    /// The username of the provider's account (GET /api/voucher-providers).
    #[schema(pattern = "^[A-Za-z0-9._@-]{3,64}$")]
    provider: String,
    /// The service the provider delivers.
    #[serde(default)]
    #[schema(max_length = 500)]
    service: String,
}

// ---- IP pledges (crates/web/src/pledges_api.rs) ----

/// A joint application for an IP pledge, as its first signatory sends it: the
/// pledgor names `pledgee`, or the pledgee (a financial institution) names `pledgor`.
#[derive(ToSchema, Serialize)]
pub struct ApplyPledge {
    /// patent or trademark
    #[schema(pattern = "^(patent|trademark)$")]
    right_kind: String,
    /// The registration number, e.g. ZL202310000001.X
    #[schema(pattern = "^\\s*[A-Za-z0-9./-](\\s*[A-Za-z0-9./-]){0,63}\\s*$")]
    right_number: String,
    /// The pledgee's username (a financial institution), when the pledgor applies.
    #[schema(pattern = "^[A-Za-z0-9._@-]{3,64}$")]
    pledgee: Option<String>,
    /// The pledgor's username (the right holder), when the pledgee applies.
    #[schema(pattern = "^[A-Za-z0-9._@-]{3,64}$")]
    pledgor: Option<String>,
    /// The secured amount in yuan, if any.
    #[schema(pattern = "^[1-9][0-9]{0,8}(\\.[0-9]{1,2})?$")]
    secured_amount: Option<String>,
}

/// How a registered pledge is released: by the pledgee (a reason, optional), or by
/// the registration authority's officer on a court order (its reference).
#[derive(ToSchema, Serialize)]
pub struct ReleasePledge {
    #[serde(default)]
    #[schema(max_length = 1000)]
    reason: String,
    /// The court's ruling or notice of assistance in enforcement (officers only).
    #[schema(pattern = "^\\S.{0,198}\\S$")]
    court_order: Option<String>,
}

/// Why the registration authority refuses an application.
#[derive(ToSchema, Serialize)]
pub struct RefusePledge {
    #[schema(pattern = "^\\S(.|\\n){0,998}\\S$")]
    reason: String,
}

/// The step of a pledge's life.
#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PledgeState {
    Applied,
    Signed,
    Registered,
    Refused,
    Released,
}

/// What the reader may do next on a pledge (asked of the access policy).
#[derive(ToSchema, Serialize)]
pub struct PledgeActions {
    countersign: bool,
    register: bool,
    refuse: bool,
    release: bool,
    release_by_order: bool,
}

/// An IP pledge as its parties and the registration authority see it.
#[derive(ToSchema, Serialize)]
pub struct Pledge {
    id: String,
    right_kind: String,
    right_number: String,
    pledgor_id: String,
    pledgor_name: String,
    /// Null for a pledge registered before lenders had accounts.
    pledgee_id: Option<String>,
    pledgee_name: String,
    secured_amount: Option<String>,
    /// The registration authority (an agency, see GET /api/services).
    agency: String,
    state: PledgeState,
    /// `pledgor` or `pledgee`: who started the application; the other countersigns.
    applied_by: String,
    applied_at: String,
    /// The business date of the application (each `*_on`: of its step).
    #[schema(format = Date)]
    applied_on: String,
    countersigned_at: Option<String>,
    #[schema(format = Date)]
    countersigned_on: Option<String>,
    countersigned_by: Option<String>,
    registered_at: Option<String>,
    #[schema(format = Date)]
    registered_on: Option<String>,
    registered_by: Option<String>,
    refused_at: Option<String>,
    #[schema(format = Date)]
    refused_on: Option<String>,
    refused_by: Option<String>,
    refusal_reason: Option<String>,
    released_at: Option<String>,
    #[schema(format = Date)]
    released_on: Option<String>,
    released_by: Option<String>,
    release_reason: Option<String>,
    /// The court order a release was made on.
    court_order: Option<String>,
    apply_entry: Option<i64>,
    countersign_entry: Option<i64>,
    register_entry: Option<i64>,
    refusal_entry: Option<i64>,
    release_entry: Option<i64>,
    may: PledgeActions,
}

/// One registered pledge of a right, as the public register shows it.
#[derive(ToSchema, Serialize)]
pub struct PublicPledge {
    /// registered (standing) or released
    state: String,
    pledgor: String,
    pledgee: String,
    #[schema(format = Date)]
    registered_on: Option<String>,
    #[schema(format = Date)]
    released_on: Option<String>,
    register_entry: Option<i64>,
    release_entry: Option<i64>,
}

/// A right's pledge status: is it pledged, to whom, since when, and its history.
#[derive(ToSchema, Serialize)]
pub struct RightStatus {
    #[schema(value_type = Object)]
    right: (),
    pledged: bool,
    standing: Option<PublicPledge>,
    history: Vec<PublicPledge>,
}

// ---- end of IP pledges ----

/// An entity's facts by input name; the server fills in the rules' inputs
/// (`api::vocabulary`).
#[derive(ToSchema, Serialize)]
pub struct ProjectFacts {}

/// The budget subjects a budget adjustment names (`<subject>_after`, and `_before`
/// when the filing lacked it); the server fills in the rules' inputs (`api::vocabulary`).
#[derive(ToSchema, Serialize)]
pub struct BudgetFacts {}

/// Facts of the `enterprise` entity by input name (innovation voucher applications);
/// the server fills in the rules' inputs (`api::vocabulary`).
#[derive(ToSchema, Serialize)]
pub struct EnterpriseFacts {}

/// Where a research project stands.
#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// Awaiting the competent department's review.
    Filed,
    /// Returned with a note: the leader amends and files again.
    Returned,
    /// Being implemented: milestones, budget adjustments, process inspection.
    Active,
    /// Final acceptance done.
    Accepted,
}

/// A milestone, its report and the department's acceptance of it.
#[derive(ToSchema, Serialize)]
pub struct ProjectMilestone {
    #[schema(minimum = 1)]
    seq: i64,
    name: String,
    #[schema(format = Date)]
    due_on: String,
    report: Option<String>,
    reported_at: Option<String>,
    accepted_at: Option<String>,
    /// The accepting officer's username.
    accepted_by: Option<String>,
    acceptance_note: Option<String>,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionState {
    Undecided,
    Scheduled,
    Waived,
}

/// The process inspection (001 §15): required by the rule unless the project is
/// exempt, and the department's decision.
#[derive(ToSchema, Serialize)]
pub struct ProjectInspection {
    /// The rule requires it: it may be scheduled, never waived.
    required: bool,
    state: InspectionState,
    #[schema(format = Date)]
    on: Option<String>,
    note: Option<String>,
    by: Option<String>,
}

/// The department's review of the filing.
#[derive(ToSchema, Serialize)]
pub struct ProjectReview {
    note: Option<String>,
    /// The reviewing officer's username.
    by: String,
    at: String,
}

#[derive(ToSchema, Serialize)]
pub enum BudgetApprover {
    /// Within the delegated authority (001 §16).
    #[serde(rename = "approver_undertaking_unit")]
    UndertakingUnit,
    /// Outside it.
    #[serde(rename = "approver_competent_department")]
    CompetentDepartment,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetChangeStatus {
    Pending,
    Approved,
    Refused,
}

/// One budget adjustment: what was asked, whom the rule names to approve it, the
/// decision, and its filing with the department at acceptance.
#[derive(ToSchema, Serialize)]
pub struct BudgetChange {
    #[schema(minimum = 1)]
    seq: i64,
    /// The amounts asked for.
    #[schema(value_type = Object)]
    changes: (),
    /// The budget in force when asked, by subject (`<subject>_before`).
    #[schema(value_type = Object)]
    previous: (),
    reason: String,
    /// The leader's username.
    requested_by: String,
    requested_at: String,
    approver: BudgetApprover,
    /// Why the adjustment is outside the delegated authority
    /// (`project_refusal_total_changed`, `project_refusal_indirect_increased`,
    /// `project_refusal_not_municipal`).
    outside_reason: Option<String>,
    /// An approved equipment increase is filed with the department at acceptance.
    filing_required: bool,
    status: BudgetChangeStatus,
    /// The deciding account's username.
    decided_by: Option<String>,
    decided_at: Option<String>,
    decision_note: Option<String>,
    /// When it was filed with the department (at the final acceptance).
    filed_at: Option<String>,
}

/// A research project with its parties, milestones, inspection and budget history.
#[derive(ToSchema, Serialize)]
pub struct Project {
    id: String,
    title: String,
    leader_id: String,
    /// The leader's username.
    leader: String,
    /// The undertaking unit's account, username and name.
    unit_id: Option<String>,
    unit: Option<String>,
    unit_name: Option<String>,
    /// The competent department (an agency).
    agency: String,
    status: ProjectStatus,
    /// The facts as filed, with the budget in force after each approved adjustment.
    #[schema(value_type = Object)]
    facts: (),
    inspection: ProjectInspection,
    /// The fund rules' evaluation at filing.
    #[schema(value_type = Object)]
    evaluation: (),
    rules_version: String,
    milestones: Vec<ProjectMilestone>,
    budget_changes: Vec<BudgetChange>,
    review: Option<ProjectReview>,
    accepted_at: Option<String>,
    accepted_by: Option<String>,
    acceptance_note: Option<String>,
    created_at: String,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockerCode {
    NotActive,
    MilestoneNotReported,
    MilestoneNotAccepted,
    AdjustmentPending,
    InspectionUndecided,
    InspectionAhead,
}

/// What still stands between a project and its final acceptance.
#[derive(ToSchema, Serialize)]
pub struct AcceptanceBlocker {
    code: BlockerCode,
    /// The milestone or adjustment it is about.
    seq: Option<i64>,
    /// The inspection's day (`inspection_ahead`).
    #[schema(format = Date)]
    on: Option<String>,
}

/// The final acceptance: what blocks it, and the adjustments filed at it.
#[derive(ToSchema, Serialize)]
pub struct Acceptance {
    project: Project,
    ready: bool,
    blockers: Vec<AcceptanceBlocker>,
    /// Approved adjustments the rule marks for filing with the department at acceptance.
    filings: Vec<BudgetChange>,
}

/// A receipt: the logged document, its index, the audit path and a signed tree head.
#[derive(ToSchema, Serialize)]
pub struct Receipt {
    /// The logged document (any JSON; a licence, a voucher event, ...).
    #[schema(value_type = Value)]
    entry: (),
    #[schema(minimum = 0)]
    leaf_index: u64,
    inclusion_proof: Vec<String>,
    tree_head: SignedTreeHead,
    /// The tree head as a C2SP checkpoint (signed note): the log's signature and the
    /// witnesses' `cosignature/v1` lines for that size and root. Absent (or null) in
    /// receipts from before witnesses.
    checkpoint: Option<String>,
}

/// A tree head signed with the log's Ed25519 key (hex strings).
#[derive(ToSchema, Serialize)]
pub struct SignedTreeHead {
    #[schema(minimum = 0)]
    tree_size: u64,
    root_hash: String,
    #[schema(minimum = 0)]
    timestamp: u64,
    key_id: String,
    signature: String,
}

/// A receipt to verify, bare or inside a downloaded licence (`{"receipt": ...}`).
#[derive(ToSchema, Serialize)]
#[serde(untagged)]
pub enum VerifyRequest {
    Bare(Receipt),
    Wrapped { receipt: Receipt },
}

/// The outcome of verifying a receipt against this log's key.
#[derive(ToSchema, Serialize)]
pub struct Verified {
    valid: bool,
    problems: Vec<String>,
    #[schema(minimum = 0)]
    leaf_index: u64,
    #[schema(minimum = 0)]
    tree_size: u64,
    #[schema(value_type = Value)]
    r#type: (),
    #[schema(value_type = Value)]
    code: (),
    /// The configured witnesses whose cosignature of the tree head verifies.
    witnesses: Vec<String>,
    /// How many a receipt needs (the operator's `witness_quorum`).
    #[schema(minimum = 0)]
    quorum: u64,
}

/// A witness's signed report that it refused the log's checkpoint (docs/witness.md).
#[derive(ToSchema, Serialize)]
pub struct RefusalReport {
    /// The witness's key name, as configured in `witnesses.toml`.
    #[schema(min_length = 1, max_length = 200)]
    witness: String,
    /// When it refused, POSIX seconds.
    #[schema(minimum = 0)]
    time: u64,
    /// The size it had cosigned last.
    #[schema(minimum = 0)]
    old_size: u64,
    /// Why, on one line.
    #[schema(max_length = 4000)]
    reason: String,
    /// The refused checkpoint as the log served it (a signed note).
    #[schema(max_length = 65536)]
    checkpoint: String,
    /// base64 Ed25519 signature by the witness key over `onestop-witness-refusal/v1`,
    /// `witness`, `time`, `old`, `reason` lines and the checkpoint.
    signature: String,
}

/// A milestone of a new project.
#[derive(ToSchema, Serialize)]
pub struct NewMilestone {
    #[schema(pattern = "^\\S.{0,198}$")]
    name: String,
    #[schema(pattern = "^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$")]
    due_on: String,
}
