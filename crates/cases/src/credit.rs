//! S&T enterprise credit as a service (issue 16 item 4; 001 §26): the evaluation of an
//! enterprise by the rule `enterprise.credit-evaluation` over what onestop records of
//! it (`credit_facts`), opened to a financial institution only while the enterprise's
//! consent to it is live (`credit_consent`). Every permission is the access policy's
//! (`view_credit_evaluation`, `manage_credit_consent`, `view_credit_consents_given`);
//! this module asks it with the consents of the business date and knows no SQL.

use crate::credit_consent::{self, ConsentView};
use crate::credit_facts::{self, CreditFacts};
use crate::store::CaseService;
use chrono::NaiveDate;
use onestop_engine::{EvalOptions, Evaluation, Facts, facts_from_json};
use onestop_store::authz::Resource;
use onestop_store::{Account, Result, Role, ServiceError, accounts, today};
use serde::Deserialize;

/// The rule that evaluates an enterprise's credit.
pub const CREDIT_MEASURE: &str = "enterprise.credit-evaluation";
/// The entity of its facts.
pub const CREDIT_ENTITY: &str = "credit_record";

/// An evaluation with what it was computed from: the faces render the explanation
/// (`onestop_engine::explain`) from `facts` and `evaluation`.
pub struct CreditEvaluation {
    pub enterprise: String,
    pub enterprise_name: String,
    pub date: NaiveDate,
    pub counts: CreditFacts,
    pub facts: Facts,
    pub evaluation: Evaluation,
}

/// A consent as the API and the portal send it: the institution's username and the
/// last day (optional, `YYYY-MM-DD`).
#[derive(Debug, Clone, Deserialize)]
pub struct GiveConsent {
    pub institution: String,
    #[serde(default)]
    pub expires_on: Option<String>,
}

/// The enterprise's account behind a username: only an S&T enterprise (an applicant
/// account of entity `enterprise`) has a credit evaluation.
async fn enterprise_named(s: &CaseService, username: &str) -> Result<Account> {
    match accounts::by_username(&s.db, username).await? {
        Some(a) if a.role == Role::Applicant && a.entity.as_deref() == Some("enterprise") => Ok(a),
        _ => Err(ServiceError::NotFound(format!(
            "no S&T enterprise with the username `{}`",
            username.trim()
        ))),
    }
}

impl CaseService {
    /// The credit evaluation of the enterprise `username`, as `who` may see it: the
    /// enterprise itself, a financial institution it consented to (live on the
    /// business date), or an officer of the Science and Technology Commission.
    pub async fn credit_evaluation(
        &self,
        who: &Account,
        username: &str,
    ) -> Result<CreditEvaluation> {
        let ent = enterprise_named(self, username).await?;
        let date = today();
        let consented = credit_consent::live_institutions(&self.db, &ent.id, date).await?;
        let resource = Resource::CreditEvaluation {
            enterprise: &ent.id,
            consented,
        };
        if !self.authz.allowed(who, "view_credit_evaluation", &resource) {
            return Err(ServiceError::Forbidden(
                if who.role == Role::FinancialInstitution {
                    format!(
                        "no consent: `{}` has not consented to `{}` seeing its credit evaluation, or the consent expired or was revoked",
                        ent.username, who.username
                    )
                } else {
                    "a credit evaluation is seen by its enterprise, by a financial institution it consented to, and by the Science and Technology Commission".to_string()
                },
            ));
        }
        let counts = credit_facts::gather(&self.db, &ent.id, date).await?;
        let program = &self.engine.program;
        let entity = self
            .engine
            .entity(CREDIT_ENTITY)
            .map_err(ServiceError::Storage)?;
        let facts = facts_from_json(program, entity, &counts.to_rule_facts())
            .map_err(|e| ServiceError::Storage(format!("the credit facts: {e}")))?;
        let measure = program.measure(CREDIT_MEASURE).ok_or_else(|| {
            ServiceError::Storage(format!("the loaded rules have no measure {CREDIT_MEASURE}"))
        })?;
        let evaluation = self.engine.evaluate(
            &facts,
            date,
            &EvalOptions {
                trace: true,
                measures: vec![measure],
            },
        );
        Ok(CreditEvaluation {
            enterprise: ent.username,
            enterprise_name: ent.display_name,
            date,
            counts,
            facts,
            evaluation,
        })
    }

    fn may_manage_consents(&self, who: &Account) -> Result<()> {
        if self.authz.allowed(
            who,
            "manage_credit_consent",
            &Resource::CreditConsents {
                enterprise: &who.id,
            },
        ) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(
                "only an S&T enterprise gives, lists and revokes consents to its credit evaluation"
                    .into(),
            ))
        }
    }

    /// The enterprise's consents, newest first, revoked and expired ones included.
    pub async fn credit_consents(&self, who: &Account) -> Result<Vec<ConsentView>> {
        self.may_manage_consents(who)?;
        credit_consent::of_enterprise(&self.db, &who.id, today()).await
    }

    /// Gives a consent to a registered financial institution, from the business date.
    pub async fn give_credit_consent(
        &self,
        who: &Account,
        req: &GiveConsent,
    ) -> Result<ConsentView> {
        self.may_manage_consents(who)?;
        let date = today();
        let institution = match accounts::by_username(&self.db, &req.institution).await? {
            Some(a) if a.role == Role::FinancialInstitution => a,
            _ => {
                return Err(ServiceError::NotFound(format!(
                    "no registered financial institution with the username `{}`",
                    req.institution.trim()
                )));
            }
        };
        let expires_on = match req.expires_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => {
                let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    ServiceError::invalid(
                        "expires_on",
                        format!("`{text}` is not a date (YYYY-MM-DD)"),
                    )
                })?;
                if d < date {
                    return Err(ServiceError::invalid(
                        "expires_on",
                        format!("the last day {d} is before today ({date})"),
                    ));
                }
                Some(d)
            }
        };
        credit_consent::grant(&self.db, &who.id, &institution.id, date, expires_on).await
    }

    /// Revokes one of the enterprise's consents; the institution loses sight at once.
    pub async fn revoke_credit_consent(&self, who: &Account, id: &str) -> Result<ConsentView> {
        self.may_manage_consents(who)?;
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(ServiceError::NotFound(format!("no consent {id} of yours")));
        }
        credit_consent::revoke(&self.db, &who.id, id, today()).await
    }

    /// The consents given to a financial institution (whom it may look up), newest first.
    pub async fn credit_consents_given(&self, who: &Account) -> Result<Vec<ConsentView>> {
        if !self.authz.allowed(
            who,
            "view_credit_consents_given",
            &Resource::CreditConsentsGiven {
                institution: &who.id,
            },
        ) {
            return Err(ServiceError::Forbidden(
                "only a financial institution lists the consents given to it".into(),
            ));
        }
        credit_consent::to_institution(&self.db, &who.id, today()).await
    }
}
