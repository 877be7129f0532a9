//! Innovation vouchers seen from the service (001 §28): an enterprise's application is
//! decided by the rule `enterprise.innovation-voucher` on its profile and the
//! application's own facts before the register files it (refused with the rule's
//! explanation when it does not qualify), and administrators create service
//! providers' accounts. The register (`onestop_register::voucher_*`) does the rest;
//! it knows no rules, this module knows no SQL.

use crate::store::CaseService;
use onestop_engine::explain::{Lang, render_explanation};
use onestop_engine::{EvalOptions, Status, facts_from_json};
use onestop_register::money::{parse_fen, yuan};
use onestop_register::voucher_applications::{self, ApplicationView, Eligibility, NewApplication};
use onestop_register::voucher_redemptions::{self, ProviderView};
use onestop_store::{Account, Result, ServiceError, today};
use serde::Deserialize;
use serde_json::Value as J;

/// The rule that decides who qualifies for a voucher.
pub const VOUCHER_MEASURE: &str = "enterprise.innovation-voucher";

/// An application as the API and the portal send it: the region asked, the amount,
/// the purpose, and facts that complete or override the stored profile.
#[derive(Debug, Clone, Deserialize)]
pub struct ApplyForVoucher {
    pub region: String,
    pub amount: J,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub facts: Option<J>,
}

impl CaseService {
    /// Applies for a voucher: the access policy first (enterprises only), then the
    /// rule on the profile, the request's facts, the region asked and the amount.
    /// Not eligible: refused with the rule's explanation in `lang`; undetermined: 422
    /// naming the facts still missing; eligible: filed, with the evaluation kept.
    pub async fn apply_for_voucher(
        &self,
        who: &Account,
        req: &ApplyForVoucher,
        lang: Lang,
    ) -> Result<ApplicationView> {
        let reg = self.register();
        let region = voucher_applications::may_apply(&reg, who, &req.region)?;
        let amount = parse_fen("amount", &req.amount)?;
        let mut facts = self.profile(who).await?;
        let Some(obj) = facts.as_object_mut() else {
            return Err(ServiceError::Storage("a profile is not an object".into()));
        };
        match &req.facts {
            None | Some(J::Null) => {}
            Some(J::Object(extra)) => {
                for (k, v) in extra {
                    obj.insert(k.clone(), v.clone());
                }
            }
            Some(_) => {
                return Err(ServiceError::invalid(
                    "facts",
                    "facts must be a JSON object",
                ));
            }
        }
        obj.insert(
            "voucher_issuing_region".into(),
            J::String(region.0.to_string()),
        );
        obj.insert("voucher_amount_requested".into(), J::String(yuan(amount)));
        let program = &self.engine.program;
        let entity = self
            .engine
            .entity("enterprise")
            .map_err(|m| ServiceError::Storage(m.to_string()))?;
        let parsed = facts_from_json(program, entity, &facts).map_err(|err| {
            ServiceError::invalid(&format!("facts.{}", err.field), err.to_string())
        })?;
        let measure = program.measure(VOUCHER_MEASURE).ok_or_else(|| {
            ServiceError::Storage(format!(
                "the loaded rules have no measure {VOUCHER_MEASURE}"
            ))
        })?;
        let date = today();
        let ev = self.engine.evaluate(
            &parsed,
            date,
            &EvalOptions {
                trace: true,
                measures: vec![measure],
            },
        );
        let explanation = render_explanation(program, &parsed, &ev, lang);
        let Some(result) = ev.measures.first() else {
            return Err(ServiceError::Storage("the rule was not evaluated".into()));
        };
        match result.status {
            Status::Eligible => {}
            Status::NotEligible => {
                return Err(ServiceError::Ineligible {
                    message: format!(
                        "the rule {VOUCHER_MEASURE} (001_0cbca1dd9c1e8cc0.txt §28) says this enterprise does not qualify for a {} voucher of {} yuan",
                        region.2,
                        yuan(amount)
                    ),
                    explanation,
                });
            }
            Status::Undetermined => {
                let names: Vec<String> = result
                    .missing
                    .iter()
                    .map(|i| program.inputs[i.index()].name.clone())
                    .collect();
                let message = if names.is_empty() {
                    let problems: Vec<String> =
                        result.errors.iter().map(|e| e.to_string()).collect();
                    format!("eligibility cannot be decided: {}", problems.join("; "))
                } else {
                    format!("facts missing to decide eligibility: {}", names.join(", "))
                };
                return Err(ServiceError::invalid("facts", message));
            }
        }
        voucher_applications::file(
            &reg,
            who,
            &NewApplication {
                region: region.0.to_string(),
                amount: J::String(yuan(amount)),
                purpose: req.purpose.clone(),
            },
            &Eligibility {
                facts,
                explanation,
                rules_version: program.version.clone(),
                decision_date: date,
            },
        )
        .await
    }

    /// Creates a service provider's account in a region (`onestop admin
    /// create-provider`, the demonstration accounts).
    pub async fn create_provider(
        &self,
        username: &str,
        password: &str,
        display_name: &str,
        region: &str,
    ) -> Result<(Account, ProviderView)> {
        voucher_redemptions::create_provider(&self.db, username, password, display_name, region)
            .await
    }
}
