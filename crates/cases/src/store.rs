//! The case service: accounts, profiles, materials, bundles, cases, projects.
//! Every write is one transaction; bundle submissions go through the group-commit
//! writer so that many applicants share one fsync without any acknowledgement
//! preceding its commit.

use crate::model::{CaseAction, CaseState};
use crate::procedure;
use crate::services::Services;
use crate::writer::{PreparedBundle, PreparedCase, Writer};
use chrono::NaiveDate;
use onestop_engine::explain::{Lang, render_explanation};
use onestop_engine::report::evaluation_to_json;
use onestop_engine::{Engine, EvalOptions, Status, facts_from_json};
use onestop_store::accounts::{self, Session};
use onestop_store::authz::{Authz, Resource};
use onestop_store::{Account, Role, now, today};
use onestop_store::{Backend, Db};
use onestop_store::{Result, ServiceError};
use serde::Serialize;
use serde_json::{Value as J, json};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::sync::Arc;

/// Materials larger than this are refused (10 MiB).
pub const MAX_MATERIAL_BYTES: usize = 10 * 1024 * 1024;
/// Accepted material types, checked against the file's first bytes.
pub const MATERIAL_TYPES: &[&str] = &["application/pdf", "image/png", "image/jpeg"];

/// The markers a browser's content sniffer takes for HTML (WHATWG MIME sniffing).
fn looks_like_html(head: &[u8]) -> bool {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<script",
        b"<head",
        b"<body",
        b"<iframe",
        b"<svg",
    ]
    .iter()
    .any(|m| lower.windows(m.len()).any(|w| w == *m))
}

pub struct CaseService {
    pub db: Db,
    pub engine: Arc<Engine>,
    pub services: Services,
    /// The access policy: every permission of the service and the register.
    pub authz: Authz,
    writer: Writer,
    /// Where loaded holiday notices are kept (`<data>/calendar`); `None`: loading is off.
    pub calendar_dir: Option<std::path::PathBuf>,
    /// The log's witnesses and the quorum a receipt needs (`<data>/witnesses.toml`,
    /// else the shipped default: none, quorum 0).
    pub witnesses: onestop_register::witness::Witnesses,
}

#[derive(Debug, Clone, Serialize)]
pub struct MaterialRef {
    pub hash: String,
    pub content_type: String,
    pub size: i64,
    pub filename: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub id: String,
    pub bundle_id: String,
    pub applicant_id: String,
    pub service: String,
    pub kind: String,
    pub agency: String,
    pub agency_title: String,
    pub state: CaseState,
    pub working_days: Option<i64>,
    pub accepted_on: Option<String>,
    pub deadline: Option<String>,
    /// The deadline counts working days through a year whose official holiday notice
    /// is not loaded yet: it is recomputed when the notice is.
    pub deadline_provisional: bool,
    /// The statutory clock stands still since this day: the applicant was asked for
    /// more material and has not answered yet.
    pub clock_stopped_on: Option<String>,
    /// Working days the clock has stood still in all; the deadline is that much later.
    pub suspended_days: i64,
    pub overdue: bool,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
    /// Who decided ("onestop (approval upon filing)" when the rules did).
    pub decided_by: Option<String>,
    /// Ex-post supervision of an approval upon filing or on commitment:
    /// `pending` (due by `supervision_due`), `passed` or `revoked`.
    pub supervision: Option<String>,
    pub supervision_due: Option<String>,
    /// The rules flag this filing as the one to check first.
    pub supervision_risk: bool,
    pub created_at: String,
}

/// One of a case's materials: what the agency asks for, and the file given for it.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialSlot {
    pub id: String,
    pub title_en: String,
    pub title_zh: String,
    pub required: bool,
    pub types: Vec<String>,
    pub file: Option<MaterialRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: CaseView,
    pub audit: Vec<AuditEntry>,
    pub facts: J,
    pub evaluation: J,
    pub explanation: String,
    pub rules_version: String,
    pub materials: Vec<MaterialRef>,
    /// What this case's agency asks for, each with the file given for it, if any.
    pub required_materials: Vec<MaterialSlot>,
    /// Once approved: the dates the applicant must keep (e.g. re-export by).
    pub reminders: Vec<procedure::ReminderView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BundleView {
    pub id: String,
    pub service: String,
    pub idempotency_key: String,
    pub created_at: String,
    pub rules_version: String,
    pub status: String,
    pub cases: Vec<CaseView>,
}

/// One applicant action: a service, facts (merged over the stored profile), materials by hash.
#[derive(Debug, Clone)]
pub struct SubmitRequest {
    pub service: String,
    pub idempotency_key: String,
    pub facts: Option<J>,
    /// Files by hash, given without saying which of the service's materials they are.
    pub materials: Vec<String>,
    /// Files by the service's material they fill: (material id, hash).
    pub slots: Vec<(String, String)>,
    pub date: Option<NaiveDate>,
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl CaseService {
    /// The service with the shipped services and access policy.
    pub async fn open(url: &str, engine: Arc<Engine>) -> Result<CaseService> {
        let services = Services::shipped().map_err(ServiceError::Storage)?;
        let authz = Authz::shipped().map_err(ServiceError::Storage)?;
        CaseService::open_with(url, engine, services, authz).await
    }

    /// The service with an operator's services and access policy (`serve` loads them
    /// from its data directory).
    pub async fn open_with(
        url: &str,
        engine: Arc<Engine>,
        services: Services,
        authz: Authz,
    ) -> Result<CaseService> {
        let db = Db::open(url).await?;
        let writers = if db.backend == Backend::Sqlite { 1 } else { 4 };
        let begin = if db.backend == Backend::Sqlite {
            "BEGIN IMMEDIATE"
        } else {
            "BEGIN"
        };
        let writer = Writer::start(db.pool.clone(), writers, begin);
        let service = CaseService {
            db,
            engine,
            services,
            authz,
            writer,
            calendar_dir: None,
            witnesses: onestop_register::witness::Witnesses::shipped()
                .map_err(ServiceError::Storage)?,
        };
        service.approve_pending_filings().await?;
        Ok(service)
    }

    /// Loads a year's holiday notice (admins only, by the access policy): stores it,
    /// recounts provisional deadlines and makes the new calendar the process's own.
    pub async fn import_calendar_notice(
        &self,
        who: &Account,
        source: &str,
        text: &str,
    ) -> Result<crate::calendar_notices::NoticeImported> {
        if !self.authz.allowed(
            who,
            "import_calendar",
            &onestop_store::authz::Resource::Calendar,
        ) {
            return Err(ServiceError::Forbidden(
                "only an administrator loads holiday notices".into(),
            ));
        }
        let dir = self.calendar_dir.as_deref().ok_or_else(|| {
            ServiceError::Conflict("this server has no data directory for calendar notices".into())
        })?;
        let actor = format!("{} ({})", who.username, who.role.as_str());
        let (calendar, report) =
            crate::calendar_notices::import_notice(&self.db, dir, source, text, &actor).await?;
        onestop_calendar::install(calendar);
        Ok(report)
    }

    /// The register (log, licences, vouchers, pledges) over this service's database
    /// and access policy.
    pub fn register(&self) -> onestop_register::Register<'_> {
        onestop_register::Register::new(&self.db, &self.authz)
    }

    pub fn backend(&self) -> Backend {
        self.db.backend
    }

    // ---- accounts and sessions ----

    /// A new account. Officers must belong to an agency of the services this server
    /// runs; applicants are an `enterprise` or a `person`.
    pub async fn create_account(
        &self,
        username: &str,
        password: &str,
        role: Role,
        agency: Option<&str>,
        entity: Option<&str>,
        display_name: &str,
    ) -> Result<Account> {
        let agencies: Vec<&str> = self.services.agencies.keys().map(|s| s.as_str()).collect();
        accounts::create(
            &self.db,
            &accounts::NewAccount {
                username,
                password,
                role,
                agency,
                entity,
                display_name,
            },
            &agencies,
        )
        .await
    }

    pub async fn login(&self, username: &str, password: &str) -> Result<Session> {
        accounts::login(&self.db, username, password).await
    }

    pub async fn logout(&self, token: &str) -> Result<()> {
        accounts::logout(&self.db, token).await
    }

    pub async fn authenticate(&self, token: &str) -> Result<Account> {
        accounts::authenticate(&self.db, token).await
    }

    pub async fn account_count(&self) -> Result<i64> {
        accounts::count(&self.db).await
    }

    // ---- profile: one form, used many times ----

    pub async fn profile(&self, who: &Account) -> Result<J> {
        let row = sqlx::query("SELECT facts FROM profiles WHERE account_id = $1")
            .bind(&who.id)
            .fetch_optional(&self.db.pool)
            .await?;
        match row {
            Some(r) => {
                let text: String = r.try_get("facts")?;
                serde_json::from_str(&text).map_err(|e| ServiceError::Storage(e.to_string()))
            }
            None => Ok(json!({})),
        }
    }

    fn applicant_entity<'a>(&self, who: &'a Account) -> Result<&'a str> {
        if who.role != Role::Applicant {
            return Err(ServiceError::Forbidden(
                "only applicants have a profile and submit applications".into(),
            ));
        }
        who.entity
            .as_deref()
            .ok_or_else(|| ServiceError::Storage("applicant without entity".into()))
    }

    /// Replaces the stored facts after checking every one against the rules' inputs.
    pub async fn set_profile(&self, who: &Account, facts: &J) -> Result<J> {
        let entity = self.applicant_entity(who)?;
        let e = self
            .engine
            .entity(entity)
            .map_err(|m| ServiceError::invalid("entity", m))?;
        facts_from_json(&self.engine.program, e, facts).map_err(|err| {
            ServiceError::invalid(&format!("facts.{}", err.field), err.to_string())
        })?;
        sqlx::query("INSERT INTO profiles (account_id, facts, updated_at) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at")
            .bind(&who.id)
            .bind(facts.to_string())
            .bind(now())
            .execute(&self.db.pool)
            .await?;
        Ok(facts.clone())
    }

    /// Adds answers to the stored profile (what they name replaces what was there),
    /// so the next interview or form starts from them. Answers that are not inputs of
    /// the applicant's entity are left out; the merged profile is checked as a whole.
    pub async fn remember_facts(&self, who: &Account, answers: &J) -> Result<J> {
        let entity = self.applicant_entity(who)?;
        let e = self
            .engine
            .entity(entity)
            .map_err(|m| ServiceError::invalid("entity", m))?;
        let mut merged = match self.profile(who).await? {
            J::Object(m) => m,
            _ => serde_json::Map::new(),
        };
        if let J::Object(new) = answers {
            for (k, v) in new {
                if self.engine.program.input(e, k).is_some() {
                    merged.insert(k.clone(), v.clone());
                }
            }
        }
        self.set_profile(who, &J::Object(merged)).await
    }

    // ---- materials: uploaded once, referenced by many applications ----

    pub async fn put_material(
        &self,
        who: &Account,
        filename: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<MaterialRef> {
        self.applicant_entity(who)?;
        if bytes.is_empty() {
            return Err(ServiceError::invalid("file", "the file is empty"));
        }
        if bytes.len() > MAX_MATERIAL_BYTES {
            return Err(ServiceError::TooLarge(format!(
                "the file has {} bytes; the limit is {MAX_MATERIAL_BYTES} bytes (10 MiB)",
                bytes.len()
            )));
        }
        let ct = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !MATERIAL_TYPES.contains(&ct.as_str()) {
            return Err(ServiceError::UnsupportedType(format!(
                "`{ct}` is not accepted; upload PDF, PNG or JPEG ({})",
                MATERIAL_TYPES.join(", ")
            )));
        }
        let magic_ok = match ct.as_str() {
            "application/pdf" => bytes.starts_with(b"%PDF-"),
            "image/png" => bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]),
            "image/jpeg" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
            _ => false,
        };
        if !magic_ok {
            return Err(ServiceError::UnsupportedType(format!(
                "the file's content is not {ct}; check that the right file was chosen"
            )));
        }
        // A file that starts as a PDF or image and goes on as a web page is what a
        // browser's sniffer would render as HTML: refused, whatever its first bytes.
        if looks_like_html(&bytes[..bytes.len().min(1024)]) {
            return Err(ServiceError::UnsupportedType(
                "the file contains web-page markup; upload the scanned document itself".into(),
            ));
        }
        let filename: String = filename
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let filename = if filename.trim().is_empty() {
            "document".to_string()
        } else {
            filename
        };
        let hash = hex::encode(Sha256::digest(bytes));
        let mut tx = self.db.pool.begin().await?;
        sqlx::query("INSERT INTO material_blobs (hash, content_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING")
            .bind(&hash)
            .bind(&ct)
            .bind(bytes.len() as i64)
            .bind(bytes.to_vec())
            .bind(now())
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO materials (account_id, hash, filename, uploaded_at) VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, hash) DO NOTHING")
            .bind(&who.id)
            .bind(&hash)
            .bind(&filename)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(MaterialRef {
            hash,
            content_type: ct,
            size: bytes.len() as i64,
            filename,
        })
    }

    pub async fn my_materials(&self, who: &Account) -> Result<Vec<MaterialRef>> {
        let rows = sqlx::query("SELECT m.hash, m.filename, b.content_type, b.size FROM materials m JOIN material_blobs b ON b.hash = m.hash WHERE m.account_id = $1 ORDER BY m.uploaded_at")
            .bind(&who.id)
            .fetch_all(&self.db.pool)
            .await?;
        rows.iter().map(material_ref).collect()
    }

    /// The file, if `who` may see it (its uploader, or an officer of an agency with a case using it).
    pub async fn material(&self, who: &Account, hash: &str) -> Result<(MaterialRef, Vec<u8>)> {
        let owners: Vec<String> = sqlx::query("SELECT account_id FROM materials WHERE hash = $1")
            .bind(hash)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .filter_map(|r| r.try_get("account_id").ok())
            .collect();
        if owners.is_empty() {
            return Err(ServiceError::NotFound(format!("no material {hash}")));
        }
        let agencies: Vec<String> = sqlx::query("SELECT DISTINCT c.agency FROM bundle_materials bm JOIN cases c ON c.bundle_id = bm.bundle_id WHERE bm.hash = $1")
            .bind(hash)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .filter_map(|r| r.try_get("agency").ok())
            .collect();
        let res = Resource::Material {
            hash,
            owners,
            agencies,
        };
        if !self.authz.allowed(who, "view_material", &res) {
            return Err(ServiceError::Forbidden(
                "you may not see this material".into(),
            ));
        }
        let row = sqlx::query("SELECT b.hash, b.content_type, b.size, b.content, COALESCE((SELECT filename FROM materials WHERE hash = b.hash AND account_id = $2), 'document') AS filename FROM material_blobs b WHERE b.hash = $1")
            .bind(hash)
            .bind(&who.id)
            .fetch_one(&self.db.pool)
            .await?;
        let content: Vec<u8> = row.try_get("content")?;
        Ok((material_ref(&row)?, content))
    }

    /// Adds a file to a case's submission as one of the service's materials (an
    /// answer to a request, or what was missing at acceptance): every agency of the
    /// submission sees it. A file given earlier for the same material stays on
    /// record but no longer fills it.
    pub async fn add_material(
        &self,
        who: &Account,
        case_id: &str,
        material: &str,
        hash: &str,
    ) -> Result<CaseDetail> {
        let (case, _) = self.load_case(case_id).await?;
        self.check(who, "respond_case", &case)?;
        if case.state.is_final() {
            return Err(ServiceError::Conflict(format!(
                "the case is {}; material can no longer be added",
                case.state.as_str()
            )));
        }
        let service = self.services.get(&case.service).ok_or_else(|| {
            ServiceError::Storage(format!(
                "case {case_id} names unknown service {}",
                case.service
            ))
        })?;
        let req = SubmitRequest {
            service: service.id.clone(),
            idempotency_key: String::new(),
            facts: None,
            materials: Vec::new(),
            slots: vec![(material.to_string(), hash.to_string())],
            date: None,
        };
        // The same checks as at submission: a material the service asks for, a file
        // of this account, of a type it accepts.
        self.checked_materials(who, service, &req).await?;
        let mut tx = self.db.pool.begin().await?;
        sqlx::query("UPDATE bundle_materials SET slot = NULL WHERE bundle_id = $1 AND slot = $2")
            .bind(&case.bundle_id)
            .bind(material)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO bundle_materials (bundle_id, hash, slot) VALUES ($1, $2, $3) ON CONFLICT (bundle_id, hash) DO UPDATE SET slot = excluded.slot")
            .bind(&case.bundle_id)
            .bind(hash)
            .bind(material)
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            case_id,
            &format!("{} ({})", who.username, who.role.as_str()),
            Some(case.state.as_str()),
            case.state.as_str(),
            &format!(
                "material `{material}` given: {}",
                &hash[..hash.len().min(12)]
            ),
        )
        .await?;
        tx.commit().await?;
        // A filing completed by this material is approved now.
        if case.state == CaseState::Submitted
            && self
                .template(&case)
                .is_some_and(|t| t.approval == crate::services::Approval::AtFiling)
        {
            self.approve_at_filing(case_id).await?;
        }
        self.case(who, case_id).await
    }

    // ---- bundles: one submission, parallel cases ----

    pub async fn submit(&self, who: &Account, req: SubmitRequest) -> Result<(BundleView, bool)> {
        let entity = self.applicant_entity(who)?;
        let key = req.idempotency_key.trim();
        if key.is_empty() || key.len() > 128 {
            return Err(ServiceError::invalid(
                "idempotency_key",
                "give an idempotency key of 1 to 128 characters, the same on every retry",
            ));
        }
        let service = self.services.get(&req.service).ok_or_else(|| {
            let ids: Vec<&str> = self
                .services
                .services
                .iter()
                .map(|s| s.id.as_str())
                .collect();
            ServiceError::invalid(
                "service",
                format!(
                    "unknown service `{}`; services are: {}",
                    req.service,
                    ids.join(", ")
                ),
            )
        })?;
        if service.entity != entity {
            return Err(ServiceError::invalid(
                "service",
                format!(
                    "`{}` is for {}, and this account is {}",
                    service.id,
                    with_article(&service.entity),
                    with_article(entity)
                ),
            ));
        }
        // One form, many uses: the stored profile, overridden by what this request adds.
        let mut facts = self.profile(who).await?;
        if let Some(extra) = &req.facts {
            let extra = extra
                .as_object()
                .ok_or_else(|| ServiceError::invalid("facts", "facts must be a JSON object"))?;
            if let Some(obj) = facts.as_object_mut() {
                for (k, v) in extra {
                    obj.insert(k.clone(), v.clone());
                }
            }
        }
        let e = self
            .engine
            .entity(entity)
            .map_err(|m| ServiceError::invalid("entity", m))?;
        let parsed = facts_from_json(&self.engine.program, e, &facts).map_err(|err| {
            ServiceError::invalid(&format!("facts.{}", err.field), err.to_string())
        })?;
        let materials = self.checked_materials(who, service, &req).await?;
        let date = req.date.unwrap_or_else(today);
        let measure = self
            .engine
            .program
            .measure(&service.measure)
            .ok_or_else(|| {
                ServiceError::Storage(format!(
                    "service `{}` names unknown measure `{}`",
                    service.id, service.measure
                ))
            })?;
        let opts = EvalOptions {
            trace: true,
            measures: vec![measure],
        };
        let ev = self.engine.evaluate(&parsed, date, &opts);
        let status = ev
            .measures
            .first()
            .map(|m| m.status)
            .unwrap_or(Status::Undetermined);
        let explanation = render_explanation(&self.engine.program, &parsed, &ev, Lang::En);
        if service.require_eligible {
            match status {
                Status::Eligible => {}
                Status::NotEligible => {
                    return Err(ServiceError::Ineligible {
                        message: format!(
                            "the rules say this application does not qualify for {}",
                            service.measure
                        ),
                        explanation,
                    });
                }
                Status::Undetermined => {
                    let r = &ev.measures[0];
                    let names: Vec<String> = r
                        .missing
                        .iter()
                        .map(|i| self.engine.program.inputs[i.index()].name.clone())
                        .collect();
                    let problems: Vec<String> = r.errors.iter().map(|e| e.to_string()).collect();
                    let message = if names.is_empty() {
                        format!("eligibility cannot be decided: {}", problems.join("; "))
                    } else {
                        format!("facts missing to decide eligibility: {}", names.join(", "))
                    };
                    return Err(ServiceError::invalid("facts", message));
                }
            }
        }
        let evaluation = evaluation_to_json(&self.engine.program, &ev);
        let outputs = procedure::outputs(&evaluation);
        let opened: Vec<_> = service
            .cases
            .iter()
            .filter(|c| procedure::opens(c, outputs))
            .collect();
        if opened.is_empty() {
            return Err(ServiceError::invalid(
                "facts",
                format!(
                    "on these facts `{}` opens no case at any agency",
                    service.id
                ),
            ));
        }
        let mut h = Sha256::new();
        h.update(service.id.as_bytes());
        h.update(facts.to_string().as_bytes());
        for (m, slot) in &materials {
            h.update(m.as_bytes());
            h.update(slot.as_deref().unwrap_or("").as_bytes());
        }
        let request_hash = hex::encode(h.finalize());
        let created_at = now();
        let at_filing: Vec<bool> = opened
            .iter()
            .map(|c| procedure::approved_at_filing(c, outputs))
            .collect();
        let cases = opened
            .iter()
            .map(|c| PreparedCase {
                id: new_id(),
                agency: c.agency.clone(),
                kind: c.kind.clone(),
            })
            .collect();
        let prepared = PreparedBundle {
            id: new_id(),
            applicant_id: who.id.clone(),
            actor: who.username.clone(),
            service: service.id.clone(),
            idempotency_key: key.to_string(),
            request_hash,
            facts: facts.to_string(),
            evaluation: evaluation.to_string(),
            explanation,
            rules_version: self.engine.program.version.clone(),
            decision_date: date.to_string(),
            created_at,
            materials,
            cases,
        };
        // What a new bundle looks like is known without reading it back (two fewer
        // round trips per submission); a retry answers with what was stored first.
        let mut view = BundleView {
            id: prepared.id.clone(),
            service: prepared.service.clone(),
            idempotency_key: prepared.idempotency_key.clone(),
            created_at: prepared.created_at.clone(),
            rules_version: prepared.rules_version.clone(),
            status: status.as_str().to_string(),
            cases: prepared
                .cases
                .iter()
                .map(|c| CaseView {
                    id: c.id.clone(),
                    bundle_id: prepared.id.clone(),
                    applicant_id: prepared.applicant_id.clone(),
                    service: prepared.service.clone(),
                    kind: c.kind.clone(),
                    agency: c.agency.clone(),
                    agency_title: self.agency_title(&c.agency),
                    state: CaseState::Submitted,
                    working_days: None,
                    accepted_on: None,
                    deadline: None,
                    deadline_provisional: false,
                    clock_stopped_on: None,
                    suspended_days: 0,
                    overdue: false,
                    decided_at: None,
                    decision_reason: None,
                    decided_by: None,
                    supervision: None,
                    supervision_due: None,
                    supervision_risk: false,
                    created_at: prepared.created_at.clone(),
                })
                .collect(),
        };
        view.cases.sort_by(|a, b| a.kind.cmp(&b.kind));
        let filed: Vec<String> = prepared
            .cases
            .iter()
            .zip(&at_filing)
            .filter(|(_, f)| **f)
            .map(|(c, _)| c.id.clone())
            .collect();
        let (bundle_id, created) = self.writer.submit(prepared).await?;
        if !created {
            return Ok((self.bundle(who, &bundle_id).await?, false));
        }
        if filed.is_empty() {
            return Ok((view, true));
        }
        // Approved upon filing: the submission is already safe; if the process stops
        // before this, `open_with` approves it on the next start.
        for id in &filed {
            self.approve_at_filing(id).await?;
        }
        Ok((self.bundle(who, &bundle_id).await?, true))
    }

    /// The request's files, each owned by this account, each named material one the
    /// service asks for, of a type it accepts: (hash, material id).
    async fn checked_materials(
        &self,
        who: &Account,
        service: &crate::services::Service,
        req: &SubmitRequest,
    ) -> Result<Vec<(String, Option<String>)>> {
        let asked = service.materials();
        let mut out: Vec<(String, Option<String>)> = Vec::new();
        for (slot, hash) in &req.slots {
            let m = asked.iter().find(|m| m.id == *slot).ok_or_else(|| {
                let ids: Vec<&str> = asked.iter().map(|m| m.id.as_str()).collect();
                ServiceError::invalid(
                    "materials",
                    format!(
                        "`{}` asks for no material `{slot}`; it asks for: {}",
                        service.id,
                        if ids.is_empty() {
                            "nothing".to_string()
                        } else {
                            ids.join(", ")
                        }
                    ),
                )
            })?;
            let ct = self.owned_material_type(who, hash).await?;
            if !m.types.contains(&ct) {
                return Err(ServiceError::invalid(
                    "materials",
                    format!(
                        "material `{slot}` must be {}; file {hash} is {ct}",
                        m.types.join(" or ")
                    ),
                ));
            }
            if out.iter().any(|(_, s)| s.as_deref() == Some(slot.as_str())) {
                return Err(ServiceError::invalid(
                    "materials",
                    format!("material `{slot}` is given twice; give one file for it"),
                ));
            }
            if let Some((_, Some(other))) = out.iter().find(|(h, _)| h == hash) {
                return Err(ServiceError::invalid(
                    "materials",
                    format!(
                        "file {hash} is given for both `{other}` and `{slot}`; give each material its own file"
                    ),
                ));
            }
            out.push((hash.clone(), Some(slot.clone())));
        }
        for hash in &req.materials {
            self.owned_material_type(who, hash).await?;
            if !out.iter().any(|(h, _)| h == hash) {
                out.push((hash.clone(), None));
            }
        }
        out.sort();
        Ok(out)
    }

    /// The media type of a file this account uploaded.
    async fn owned_material_type(&self, who: &Account, hash: &str) -> Result<String> {
        let row = sqlx::query("SELECT b.content_type FROM materials m JOIN material_blobs b ON b.hash = m.hash WHERE m.account_id = $1 AND m.hash = $2")
            .bind(&who.id)
            .bind(hash)
            .fetch_optional(&self.db.pool)
            .await?;
        match row {
            Some(r) => Ok(r.try_get("content_type")?),
            None => Err(ServiceError::invalid(
                "materials",
                format!("material {hash} was not uploaded by this account; upload it first"),
            )),
        }
    }

    fn agency_title(&self, agency: &str) -> String {
        self.services
            .agencies
            .get(agency)
            .map(|t| t.en.clone())
            .unwrap_or_default()
    }

    pub async fn bundle(&self, who: &Account, id: &str) -> Result<BundleView> {
        let row = sqlx::query("SELECT id, applicant_id, service, idempotency_key, created_at, rules_version, evaluation FROM bundles WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("no bundle {id}")))?;
        let applicant: String = row.try_get("applicant_id")?;
        if applicant != who.id && who.role != Role::Admin {
            return Err(ServiceError::Forbidden(
                "this bundle belongs to another applicant".into(),
            ));
        }
        let evaluation: String = row.try_get("evaluation")?;
        let ev: J = serde_json::from_str(&evaluation).unwrap_or(J::Null);
        let cases = self.cases_where("c.bundle_id = $1", id).await?;
        Ok(BundleView {
            id: row.try_get("id")?,
            service: row.try_get("service")?,
            idempotency_key: row.try_get("idempotency_key")?,
            created_at: row.try_get("created_at")?,
            rules_version: row.try_get("rules_version")?,
            status: ev["measures"][0]["status"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            cases,
        })
    }

    pub(crate) async fn cases_where(&self, condition: &str, arg: &str) -> Result<Vec<CaseView>> {
        let sql = format!(
            "SELECT c.id, c.bundle_id, c.applicant_id, b.service, c.kind, c.agency, c.state, c.working_days, c.accepted_on, c.deadline, c.deadline_provisional, c.clock_stopped_on, c.suspended_days, c.decided_at, c.decision_reason, c.decided_by, c.supervision, c.supervision_due, c.supervision_risk, c.created_at FROM cases c JOIN bundles b ON b.id = c.bundle_id WHERE {condition} ORDER BY c.created_at, c.kind"
        );
        // `condition` is one of this module's constant filters; the value is bound.
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(arg)
            .fetch_all(&self.db.pool)
            .await?;
        let today = today().to_string();
        rows.iter().map(|r| self.case_view(r, &today)).collect()
    }

    fn case_view(&self, r: &sqlx::any::AnyRow, today: &str) -> Result<CaseView> {
        let state: String = r.try_get("state")?;
        let state = CaseState::parse(&state)
            .ok_or_else(|| ServiceError::Storage(format!("bad state {state}")))?;
        let agency: String = r.try_get("agency")?;
        let deadline: Option<String> = r.try_get("deadline")?;
        let deadline_provisional: i64 = r.try_get("deadline_provisional")?;
        let clock_stopped_on: Option<String> = r.try_get("clock_stopped_on")?;
        Ok(CaseView {
            id: r.try_get("id")?,
            bundle_id: r.try_get("bundle_id")?,
            applicant_id: r.try_get("applicant_id")?,
            service: r.try_get("service")?,
            kind: r.try_get("kind")?,
            agency_title: self.agency_title(&agency),
            agency,
            state,
            working_days: r.try_get("working_days")?,
            accepted_on: r.try_get("accepted_on")?,
            // A stopped clock cannot run out.
            overdue: !state.is_final()
                && clock_stopped_on.is_none()
                && deadline.as_deref().is_some_and(|d| d < today),
            deadline,
            deadline_provisional: deadline_provisional != 0,
            clock_stopped_on,
            suspended_days: r.try_get("suspended_days")?,
            decided_at: r.try_get("decided_at")?,
            decision_reason: r.try_get("decision_reason")?,
            decided_by: r.try_get("decided_by")?,
            supervision: r.try_get("supervision")?,
            supervision_due: r.try_get("supervision_due")?,
            supervision_risk: r.try_get::<i64, _>("supervision_risk")? != 0,
            created_at: r.try_get("created_at")?,
        })
    }

    pub async fn my_cases(&self, who: &Account) -> Result<Vec<CaseView>> {
        self.cases_where("c.applicant_id = $1", &who.id).await
    }

    /// An officer's open cases: overdue first, then by deadline, then unaccepted by age.
    pub async fn inbox(&self, who: &Account) -> Result<Vec<CaseView>> {
        if who.role != Role::Officer {
            return Err(ServiceError::Forbidden(
                "only officers have an inbox".into(),
            ));
        }
        let agency = who.agency.clone().unwrap_or_default();
        let mut cases: Vec<CaseView> = self
            .cases_where("c.agency = $1", &agency)
            .await?
            .into_iter()
            .filter(|c| !c.state.is_final())
            .collect();
        cases.sort_by(|a, b| {
            (
                !a.overdue,
                a.deadline.is_none(),
                a.deadline.clone(),
                a.created_at.clone(),
            )
                .cmp(&(
                    !b.overdue,
                    b.deadline.is_none(),
                    b.deadline.clone(),
                    b.created_at.clone(),
                ))
        });
        Ok(cases)
    }

    pub(crate) async fn load_case(&self, id: &str) -> Result<(CaseView, i64)> {
        let row = sqlx::query("SELECT c.id, c.bundle_id, c.applicant_id, b.service, c.kind, c.agency, c.state, c.working_days, c.accepted_on, c.deadline, c.deadline_provisional, c.clock_stopped_on, c.suspended_days, c.decided_at, c.decision_reason, c.decided_by, c.supervision, c.supervision_due, c.supervision_risk, c.created_at, c.version FROM cases c JOIN bundles b ON b.id = c.bundle_id WHERE c.id = $1")
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("no case {id}")))?;
        let version: i64 = row.try_get("version")?;
        Ok((self.case_view(&row, &today().to_string())?, version))
    }

    pub(crate) fn check(&self, who: &Account, action: &str, c: &CaseView) -> Result<()> {
        let res = Resource::Case {
            id: &c.id,
            applicant: &c.applicant_id,
            agency: &c.agency,
        };
        if self.authz.allowed(who, action, &res) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(match who.role {
                Role::Officer => "this case belongs to another agency".into(),
                Role::Applicant => "this case belongs to another applicant".into(),
                Role::Admin => "admins do not act on cases".into(),
                Role::FinancialInstitution => "financial institutions have no cases".into(),
                Role::Provider => "service providers do not act on cases".into(),
            }))
        }
    }

    pub async fn case(&self, who: &Account, id: &str) -> Result<CaseDetail> {
        let (case, _) = self.load_case(id).await?;
        self.check(who, "view_case", &case)?;
        let audit = sqlx::query("SELECT seq, at, actor, from_state, to_state, reason FROM audit WHERE case_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    seq: r.try_get("seq")?,
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    from_state: r.try_get("from_state")?,
                    to_state: r.try_get("to_state")?,
                    reason: r.try_get("reason")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let b = sqlx::query(
            "SELECT facts, evaluation, explanation, rules_version FROM bundles WHERE id = $1",
        )
        .bind(&case.bundle_id)
        .fetch_one(&self.db.pool)
        .await?;
        let parse = |s: String| serde_json::from_str(&s).unwrap_or(J::Null);
        let rows = sqlx::query("SELECT bm.hash, bm.slot, b.content_type, b.size, 'document' AS filename FROM bundle_materials bm JOIN material_blobs b ON b.hash = bm.hash WHERE bm.bundle_id = $1 ORDER BY bm.hash")
            .bind(&case.bundle_id)
            .fetch_all(&self.db.pool)
            .await?;
        let mut materials = Vec::new();
        let mut by_slot: Vec<(String, MaterialRef)> = Vec::new();
        for r in &rows {
            let m = material_ref(r)?;
            if let Some(slot) = r.try_get::<Option<String>, _>("slot")? {
                by_slot.push((slot, m.clone()));
            }
            materials.push(m);
        }
        let required_materials = self
            .template(&case)
            .map(|t| {
                t.materials
                    .iter()
                    .map(|m| MaterialSlot {
                        id: m.id.clone(),
                        title_en: m.title.en.clone(),
                        title_zh: m.title.zh.clone(),
                        required: m.required,
                        types: m.types.clone(),
                        file: by_slot
                            .iter()
                            .find(|(s, _)| *s == m.id)
                            .map(|(_, f)| f.clone()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let evaluation = parse(b.try_get("evaluation")?);
        let reminders = match self.template(&case) {
            Some(t) if case.state == CaseState::Approved => {
                procedure::reminders(t, procedure::outputs(&evaluation), today())
            }
            _ => Vec::new(),
        };
        Ok(CaseDetail {
            case,
            audit,
            facts: parse(b.try_get("facts")?),
            evaluation,
            explanation: b.try_get("explanation")?,
            rules_version: b.try_get("rules_version")?,
            materials,
            required_materials,
            reminders,
        })
    }

    /// The services file's template of a case.
    pub(crate) fn template(&self, case: &CaseView) -> Option<&crate::services::CaseTemplate> {
        self.services.get(&case.service)?.case(&case.kind)
    }

    /// The stored evaluation of a case's submission and its decision date.
    async fn submission(&self, bundle_id: &str) -> Result<(J, NaiveDate)> {
        let row = sqlx::query("SELECT evaluation, decision_date FROM bundles WHERE id = $1")
            .bind(bundle_id)
            .fetch_one(&self.db.pool)
            .await?;
        let ev: String = row.try_get("evaluation")?;
        let date: String = row.try_get("decision_date")?;
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
            ServiceError::Storage(format!(
                "bundle {bundle_id} has an unreadable date `{date}`"
            ))
        })?;
        Ok((serde_json::from_str(&ev).unwrap_or(J::Null), date))
    }

    /// The materials given for a case's submission, by the service material they fill.
    async fn filled_slots(&self, bundle_id: &str) -> Result<Vec<String>> {
        Ok(sqlx::query(
            "SELECT slot FROM bundle_materials WHERE bundle_id = $1 AND slot IS NOT NULL",
        )
        .bind(bundle_id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .filter_map(|r| r.try_get("slot").ok())
        .collect())
    }

    /// Applies an action to a case: authorised by cedar, allowed by the state machine,
    /// recorded in the audit trail, and safe against two people acting at once.
    pub async fn act(
        &self,
        who: &Account,
        id: &str,
        action: CaseAction,
        reason: &str,
        on: Option<NaiveDate>,
    ) -> Result<CaseView> {
        let (case, version) = self.load_case(id).await?;
        self.check(who, action.permission(), &case)?;
        let mut next = case.state.apply(action).map_err(ServiceError::Conflict)?;
        // An answer before acceptance goes back to the acceptance desk.
        if action == CaseAction::Respond && case.accepted_on.is_none() {
            next = CaseState::Submitted;
        }
        let reason = reason.trim();
        if matches!(
            action,
            CaseAction::RequestInfo
                | CaseAction::Approve
                | CaseAction::Reject
                | CaseAction::Respond
        ) && reason.is_empty()
        {
            return Err(ServiceError::invalid(
                "reason",
                "give a reason; it is recorded and shown to the other side",
            ));
        }
        if reason.chars().count() > 4000 {
            return Err(ServiceError::invalid(
                "reason",
                "a reason has at most 4000 characters",
            ));
        }
        let template = self.template(&case);
        if action == CaseAction::Accept
            && let Some(t) = template
        {
            let filled = self.filled_slots(&case.bundle_id).await?;
            let missing = procedure::missing_materials(t, &filled);
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|m| m.title.en.as_str()).collect();
                return Err(ServiceError::Conflict(format!(
                    "the application lacks required material: {}; ask the applicant for it (request_info) before accepting (Administrative Licensing Law art. 32)",
                    names.join(", ")
                )));
            }
        }
        let day = on.unwrap_or_else(today);
        let mut working_days = case.working_days;
        let mut accepted_on = case.accepted_on.clone();
        let mut deadline = case.deadline.clone();
        let mut deadline_provisional = case.deadline_provisional;
        let mut clock_stopped_on = case.clock_stopped_on.clone();
        let mut suspended_days = case.suspended_days;
        // What the clock did, for the audit trail.
        let mut clock_note = String::new();
        if action == CaseAction::RequestInfo && accepted_on.is_some() && clock_stopped_on.is_none()
        {
            clock_stopped_on = Some(day.to_string());
            clock_note = format!(" [clock stopped on {day}]");
        }
        if action == CaseAction::Respond
            && let Some(since) = clock_stopped_on.take()
        {
            let stopped = NaiveDate::parse_from_str(&since, "%Y-%m-%d").map_err(|_| {
                ServiceError::Storage(format!("case {id} has an unreadable clock date `{since}`"))
            })?;
            if let (Some(start), Some(t)) = (accepted_on.as_deref(), template) {
                let start = NaiveDate::parse_from_str(start, "%Y-%m-%d").map_err(|_| {
                    ServiceError::Storage(format!("case {id} has an unreadable acceptance date"))
                })?;
                let (evaluation, _) = self.submission(&case.bundle_id).await?;
                let limit = match working_days {
                    Some(n) => procedure::Limit::WorkingDays(n),
                    None => procedure::limit(
                        t,
                        &self.engine.program,
                        procedure::outputs(&evaluation),
                        start,
                    )?,
                };
                // Days after the request up to and including the answer do not count.
                let paused = procedure::paused(limit, stopped, day)?;
                suspended_days += paused;
                let (due, provisional) = procedure::due(limit, start, suspended_days)?;
                let unit = match limit {
                    procedure::Limit::WorkingDays(_) => "working days",
                    procedure::Limit::Period(_) => "calendar days",
                };
                clock_note = format!(
                    " [clock restarted on {day}: {paused} {unit} suspended, {suspended_days} in all; deadline {} -> {due}]",
                    deadline.as_deref().unwrap_or("-")
                );
                deadline_provisional = provisional;
                deadline = Some(due.to_string());
            }
        }
        if action == CaseAction::Accept {
            if let Some(t) = template {
                let (evaluation, _) = self.submission(&case.bundle_id).await?;
                let limit = procedure::limit(
                    t,
                    &self.engine.program,
                    procedure::outputs(&evaluation),
                    day,
                )?;
                let (due, provisional) = procedure::due(limit, day, 0)?;
                working_days = match limit {
                    procedure::Limit::WorkingDays(n) => Some(n),
                    procedure::Limit::Period(_) => None,
                };
                deadline = Some(due.to_string());
                deadline_provisional = provisional;
            }
            accepted_on = Some(day.to_string());
        }
        let decided_at = if next.is_final() { Some(now()) } else { None };
        let decision_reason = if matches!(next, CaseState::Approved | CaseState::Rejected) {
            Some(reason.to_string())
        } else {
            case.decision_reason.clone()
        };
        let decided_by = matches!(next, CaseState::Approved | CaseState::Rejected)
            .then(|| who.username.clone())
            .or(case.decided_by.clone());
        let mut tx = self.db.pool.begin().await?;
        let updated = sqlx::query("UPDATE cases SET state = $1, working_days = $2, accepted_on = $3, deadline = $4, deadline_provisional = $9, clock_stopped_on = $10, suspended_days = $11, decided_on = $12, decided_at = $5, decision_reason = $6, decided_by = $13, version = version + 1 WHERE id = $7 AND version = $8")
            .bind(next.as_str())
            .bind(working_days)
            .bind(accepted_on)
            .bind(deadline)
            .bind(decided_at)
            .bind(decision_reason)
            .bind(id)
            .bind(version)
            .bind(i64::from(deadline_provisional))
            .bind(clock_stopped_on)
            .bind(suspended_days)
            .bind(next.is_final().then(|| day.to_string()))
            .bind(decided_by)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() != 1 {
            return Err(ServiceError::Conflict(
                "the case changed while you were working on it; reload it and try again".into(),
            ));
        }
        let actor = format!("{} ({})", who.username, who.role.as_str());
        let note = format!(
            "{}{clock_note}",
            if reason.is_empty() {
                default_reason(action)
            } else {
                reason.to_string()
            }
        );
        audit(
            &mut tx,
            id,
            &actor,
            Some(case.state.as_str()),
            next.as_str(),
            &note,
        )
        .await?;
        if next.is_final() {
            // Licences are written and logged in the decision's own transaction.
            self.issue_licences(&mut tx, &case, day).await?;
        }
        tx.commit().await?;
        Ok(self.load_case(id).await?.0)
    }

    /// Approves a case upon filing (003 §18) or on the applicant's commitment (003 §19):
    /// decided the day it was filed, its licence issued, and put in the agency's
    /// supervision queue, due by the supervision period. Does nothing to a case no
    /// longer waiting.
    pub(crate) async fn approve_at_filing(&self, id: &str) -> Result<()> {
        let (case, version) = self.load_case(id).await?;
        if case.state != CaseState::Submitted {
            return Ok(());
        }
        let Some(t) = self.template(&case) else {
            return Ok(());
        };
        let (evaluation, day) = self.submission(&case.bundle_id).await?;
        let outputs = procedure::outputs(&evaluation);
        if !procedure::approved_at_filing(t, outputs) {
            return Ok(());
        }
        // A filing is complete when its required materials are given: until then it
        // waits (the applicant adds them on the case, and it is approved then).
        let filled = self.filled_slots(&case.bundle_id).await?;
        if !procedure::missing_materials(t, &filled).is_empty() {
            return Ok(());
        }
        let service = self.services.get(&case.service);
        let source = service.map(|s| s.source.as_str()).unwrap_or("");
        let reason = format!("approved upon filing by the rules ({source}); checked afterwards");
        let period = t.supervision_days_parameter.as_deref().ok_or_else(|| {
            ServiceError::Storage(format!("case `{}` has no supervision period", t.kind))
        })?;
        let n = match procedure::limit(
            &crate::services::CaseTemplate {
                working_days_parameter: Some(period.to_string()),
                working_days_output: None,
                period_parameter: None,
                ..t.clone()
            },
            &self.engine.program,
            outputs,
            day,
        )? {
            procedure::Limit::WorkingDays(n) => n,
            procedure::Limit::Period(_) => 0,
        };
        let (supervision_due, _) = procedure::due(procedure::Limit::WorkingDays(n), day, 0)?;
        let risk = t
            .supervision_risk_output
            .as_ref()
            .is_some_and(|o| outputs[o] == J::Bool(true));
        let mut tx = self.db.pool.begin().await?;
        let updated = sqlx::query("UPDATE cases SET state = 'approved', working_days = 0, accepted_on = $1, deadline = $1, deadline_provisional = 0, decided_on = $1, decided_at = $2, decision_reason = $3, decided_by = $4, supervision = 'pending', supervision_due = $5, supervision_risk = $6, version = version + 1 WHERE id = $7 AND version = $8")
            .bind(day.to_string())
            .bind(now())
            .bind(&reason)
            .bind(FILING_ACTOR)
            .bind(supervision_due.to_string())
            .bind(i64::from(risk))
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() != 1 {
            // Someone else moved it first (another start's sweep): nothing to do.
            return Ok(());
        }
        audit(
            &mut tx,
            id,
            FILING_ACTOR,
            Some(CaseState::Submitted.as_str()),
            CaseState::Approved.as_str(),
            &format!("{reason} [supervision due {supervision_due}]"),
        )
        .await?;
        let mut decided = case.clone();
        decided.state = CaseState::Approved;
        self.issue_licences(&mut tx, &decided, day).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Approves every case still waiting that its service approves upon filing: what
    /// a stop between writing a submission and approving it left behind.
    pub(crate) async fn approve_pending_filings(&self) -> Result<usize> {
        let kinds: Vec<&str> = self
            .services
            .services
            .iter()
            .flat_map(|s| s.cases.iter())
            .filter(|c| c.approval == crate::services::Approval::AtFiling)
            .map(|c| c.kind.as_str())
            .collect();
        let mut n = 0;
        for kind in kinds {
            let ids: Vec<String> =
                sqlx::query("SELECT id FROM cases WHERE state = 'submitted' AND kind = $1")
                    .bind(kind)
                    .fetch_all(&self.db.pool)
                    .await?
                    .iter()
                    .filter_map(|r| r.try_get("id").ok())
                    .collect();
            for id in ids {
                self.approve_at_filing(&id).await?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// Issues the licences a decision makes due: the case's own, or, for a service
    /// that issues together (003 §25), every approved case of the submission once the
    /// last of them is decided.
    pub(crate) async fn issue_licences(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        case: &CaseView,
        day: NaiveDate,
    ) -> Result<()> {
        let together = self
            .services
            .get(&case.service)
            .is_some_and(|s| s.issue == crate::services::Issue::Together);
        if !together {
            if case.state == CaseState::Approved || self.is_approved(tx, &case.id).await? {
                self.issue_licence(tx, &case.id, day).await?;
            }
            return Ok(());
        }
        let rows = sqlx::query("SELECT c.id, c.state, (SELECT COUNT(*) FROM licences l WHERE l.case_id = c.id) AS issued FROM cases c WHERE c.bundle_id = $1 ORDER BY c.kind")
            .bind(&case.bundle_id)
            .fetch_all(&mut **tx)
            .await?;
        let mut due = Vec::new();
        for r in &rows {
            let state: String = r.try_get("state")?;
            let state = CaseState::parse(&state)
                .ok_or_else(|| ServiceError::Storage(format!("bad state {state}")))?;
            if !state.is_final() {
                return Ok(()); // another agency has not decided yet
            }
            let issued: i64 = r.try_get("issued")?;
            if state == CaseState::Approved && issued == 0 {
                due.push(r.try_get::<String, _>("id")?);
            }
        }
        for id in due {
            self.issue_licence(tx, &id, day).await?;
        }
        Ok(())
    }

    async fn is_approved(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        id: &str,
    ) -> Result<bool> {
        let state: String = sqlx::query("SELECT state FROM cases WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?
            .try_get("state")?;
        Ok(state == CaseState::Approved.as_str())
    }

    /// The e-licence of an approved case, written and logged by the register in the
    /// decision's transaction, from what the case row holds; none when the services
    /// file says the decision is no licence (`licence = false`: an internal approval,
    /// a record).
    async fn issue_licence(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        case_id: &str,
        day: NaiveDate,
    ) -> Result<Option<String>> {
        let row = sqlx::query("SELECT c.applicant_id, c.kind, c.agency, c.decided_by, c.decision_reason, b.service, b.rules_version, b.decision_date FROM cases c JOIN bundles b ON b.id = c.bundle_id WHERE c.id = $1")
            .bind(case_id)
            .fetch_one(&mut **tx)
            .await?;
        let holder: String = row.try_get("applicant_id")?;
        let kind: String = row.try_get("kind")?;
        let agency_id: String = row.try_get("agency")?;
        let decided_by: Option<String> = row.try_get("decided_by")?;
        let reason: Option<String> = row.try_get("decision_reason")?;
        let service_id: String = row.try_get("service")?;
        let rules_version: String = row.try_get("rules_version")?;
        let eligibility_date: String = row.try_get("decision_date")?;
        let service = self.services.get(&service_id);
        let template = service.and_then(|s| s.case(&kind));
        if template.is_some_and(|t| !t.licence) {
            return Ok(None);
        }
        let agency = self.services.agencies.get(&agency_id);
        let valid_until = match template {
            Some(t) => crate::procedure::valid_until(t, &self.engine.program, day)?,
            None => None,
        };
        let request = onestop_register::licences::LicenceRequest {
            case_id,
            holder_id: &holder,
            service: &service_id,
            kind: &kind,
            title: template.map(|t| (t.title.en.as_str(), t.title.zh.as_str())),
            legal_basis: service.map(|s| s.source.as_str()),
            agency: &agency_id,
            agency_names: agency.map(|a| (a.en.as_str(), a.zh.as_str())),
            decided_by: decided_by.as_deref().unwrap_or(""),
            reason: reason.as_deref().unwrap_or(""),
            rules_version: &rules_version,
            eligibility_date: &eligibility_date,
            day,
            valid_until: valid_until.as_ref().map(|(d, b)| (*d, b.as_str())),
        };
        onestop_register::licences::issue(tx, &request)
            .await
            .map(Some)
    }
}

/// "an enterprise", "a person": for messages.
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// Who decides a case approved upon filing: the rules, not an officer.
pub const FILING_ACTOR: &str = "onestop (approval upon filing)";

/// One line of a case's audit trail, in the caller's transaction.
pub(crate) async fn audit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case_id: &str,
    actor: &str,
    from: Option<&str>,
    to: &str,
    reason: &str,
) -> Result<()> {
    let seq: i64 = sqlx::query("SELECT COALESCE(MAX(seq), 0) AS m FROM audit WHERE case_id = $1")
        .bind(case_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get("m")?;
    sqlx::query("INSERT INTO audit (case_id, seq, at, actor, from_state, to_state, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(case_id)
        .bind(seq + 1)
        .bind(now())
        .bind(actor)
        .bind(from)
        .bind(to)
        .bind(reason)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn default_reason(action: CaseAction) -> String {
    match action {
        CaseAction::Accept => "accepted".into(),
        CaseAction::Review => "review started".into(),
        CaseAction::Withdraw => "withdrawn by the applicant".into(),
        _ => String::new(),
    }
}

fn material_ref(r: &sqlx::any::AnyRow) -> Result<MaterialRef> {
    Ok(MaterialRef {
        hash: r.try_get("hash")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        filename: r.try_get("filename")?,
    })
}
