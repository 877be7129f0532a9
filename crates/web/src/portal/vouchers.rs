//! Innovation vouchers in the portal (001 §28), for every party: the enterprise applies
//! (the rule's explanation shown when it does not qualify), sees its applications and
//! vouchers and asks providers for redemptions (`/vouchers`, `/vouchers/{id}`); the
//! region's agency issues or refuses applications; a provider confirms or declines the
//! redemptions asked of it; the settlement of each agency with each provider by month,
//! with its CSV (`/vouchers/settlement`, `/vouchers/settlement.csv`). Which forms a
//! page shows is asked of the access policy, as the register asks it again.

use super::account::login_redirect;
use super::page::{Page, csrf_refused, form_amount, form_value, message, render, service_failed};
use crate::state::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_cases::voucher_service::ApplyForVoucher;
use onestop_engine::explain::Lang;
use onestop_register::voucher_applications::{self, ApplicationDecision, ApplicationView};
use onestop_register::voucher_redemptions::{self, Redeem, RedemptionDecision};
use onestop_register::voucher_settlement;
use onestop_register::vouchers::{self, REGIONS};
use onestop_store::authz::Resource;
use onestop_store::{Account, ServiceError};
use serde::Deserialize;
use serde_json::{Value as J, json};

type FormFields = Vec<(String, String)>;

fn application_resource(a: &ApplicationView) -> Resource<'_> {
    Resource::VoucherApplication {
        id: &a.id,
        applicant: &a.applicant_id,
        agency: &a.agency,
    }
}

/// Whether the reader sees any settlement line (its agency's or its own).
fn may_settle(s: &AppState, who: &Account) -> bool {
    s.cases.authz.allowed(
        who,
        "view_settlement",
        &Resource::Settlement {
            agency: who.agency.as_deref().unwrap_or(""),
            provider: &who.id,
        },
    )
}

/// What the application form shows again after a refusal.
#[derive(Default)]
struct Kept {
    error: Option<String>,
    explanation: Option<String>,
    form: FormFields,
}

/// `/vouchers`: the reader's applications, vouchers and redemptions, with the forms
/// its party may use.
pub(super) async fn page(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect("/vouchers");
    };
    list_page(&s, &c, &user, Kept::default()).await
}

async fn list_page(s: &AppState, c: &Page, user: &Account, kept: Kept) -> Response {
    let reg = s.cases.register();
    let (applications, vouchers_seen, redemptions) = match tokio::try_join!(
        voucher_applications::list(&reg, user),
        vouchers::list(&reg, user),
        voucher_redemptions::list(&reg, user),
    ) {
        Ok(x) => x,
        Err(e) => return service_failed(s, c, e),
    };
    let applications: Vec<J> = applications
        .iter()
        .map(|a| {
            let mut v = json!(a);
            v["may_decide"] = json!(
                a.status == "pending"
                    && s.cases.authz.allowed(
                        user,
                        "decide_voucher_application",
                        &application_resource(a)
                    )
            );
            v
        })
        .collect();
    let redemptions: Vec<J> = redemptions
        .iter()
        .map(|r| {
            let mut v = json!(r);
            v["may_decide"] = json!(r.status == "requested" && r.provider_id == user.id);
            v
        })
        .collect();
    let may_apply = s.cases.authz.allowed(
        user,
        "apply_voucher",
        &Resource::Region {
            id: REGIONS[0].0,
            agency: REGIONS[0].1,
        },
    );
    // The form starts from the stored profile; after a refusal, from what was sent.
    let profile = if may_apply {
        s.cases.profile(user).await.unwrap_or(J::Null)
    } else {
        J::Null
    };
    let shown = |name: &str, fact: &str| -> String {
        if kept.form.iter().any(|(k, _)| k == name) {
            return form_value(&kept.form, name);
        }
        match profile.get(fact) {
            Some(J::String(t)) => t.clone(),
            Some(J::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    };
    let form = json!({
        "region": shown("region", "registration_region"),
        "amount": form_value(&kept.form, "amount"),
        "purpose": form_value(&kept.form, "purpose"),
        "registration_region": shown("registration_region", "registration_region"),
        "is_tech_sme": shown("is_tech_sme", "is_tech_sme"),
    });
    let expires = onestop_store::today()
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or_else(onestop_store::today);
    let regions: Vec<J> = REGIONS
        .iter()
        .map(|r| json!({"id": r.0, "agency": r.1}))
        .collect();
    let registered_in: Vec<&str> = REGIONS
        .iter()
        .map(|r| r.0)
        .chain(["other_region"])
        .collect();
    let refused = kept.error.is_some();
    let mut r = render(
        s,
        c,
        "vouchers.html",
        context! {
            applications => Value::from_serialize(&applications),
            vouchers => Value::from_serialize(&vouchers_seen),
            redemptions => Value::from_serialize(&redemptions),
            may_apply => may_apply,
            may_settle => may_settle(s, user),
            form => Value::from_serialize(&form),
            regions => Value::from_serialize(&regions),
            registered_in => registered_in,
            default_expiry => expires.to_string(),
            error => kept.error,
            explanation => kept.explanation,
        },
    );
    if refused {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

/// Every form of `/vouchers` posts here with its `action`; back to the page.
pub(super) async fn act(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/vouchers").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, &form_value(&form, "csrf")) {
        return r;
    }
    let reg = s.cases.register();
    let today = onestop_store::today();
    let id = form_value(&form, "id");
    let note = form_value(&form, "note");
    let done: Result<(), ServiceError> = match form_value(&form, "action").as_str() {
        "apply" => return apply(&s, c, &user, form).await,
        "issue" => voucher_applications::decide(
            &reg,
            &user,
            &id,
            &ApplicationDecision::Issue {
                expires_on: form_value(&form, "expires_on"),
            },
            &note,
            today,
        )
        .await
        .map(drop),
        "refuse" => voucher_applications::decide(
            &reg,
            &user,
            &id,
            &ApplicationDecision::Refuse,
            &note,
            today,
        )
        .await
        .map(drop),
        action => match RedemptionDecision::parse(action) {
            Some(d) => voucher_redemptions::decide(&reg, &user, &id, d, &note, today)
                .await
                .map(drop),
            None => Err(ServiceError::invalid("action", "unknown action")),
        },
    };
    match done {
        Ok(()) => Redirect::to("/vouchers").into_response(),
        Err(e) => service_failed(&s, &c, e),
    }
}

/// The application form: refused by the rule, back to the form with the
/// explanation and what was typed.
async fn apply(s: &AppState, c: Page, user: &Account, form: FormFields) -> Response {
    let mut facts = serde_json::Map::new();
    let registered = form_value(&form, "registration_region");
    if !registered.trim().is_empty() {
        facts.insert("registration_region".into(), J::String(registered));
    }
    match form_value(&form, "is_tech_sme").as_str() {
        "true" => {
            facts.insert("is_tech_sme".into(), J::Bool(true));
        }
        "false" => {
            facts.insert("is_tech_sme".into(), J::Bool(false));
        }
        _ => {}
    }
    let lang = if c.lang.starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    };
    let asked = ApplyForVoucher {
        region: form_value(&form, "region"),
        amount: J::String(form_amount(&form_value(&form, "amount"))),
        purpose: form_value(&form, "purpose"),
        facts: Some(J::Object(facts)),
    };
    match s.cases.apply_for_voucher(user, &asked, lang).await {
        Ok(_) => Redirect::to("/vouchers").into_response(),
        Err(ServiceError::Forbidden(m)) => {
            message(s, &c, StatusCode::FORBIDDEN, "error-forbidden", &m)
        }
        Err(ServiceError::Ineligible {
            message,
            explanation,
        }) => {
            let kept = Kept {
                error: Some(message),
                explanation: Some(explanation),
                form,
            };
            list_page(s, &c.at("/vouchers"), user, kept).await
        }
        Err(e) => {
            let kept = Kept {
                error: Some(e.to_string()),
                explanation: None,
                form,
            };
            list_page(s, &c.at("/vouchers"), user, kept).await
        }
    }
}

/// One voucher: its balance, the redemptions asked and confirmed, and for its holder
/// the form to ask a provider.
pub(super) async fn voucher(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/vouchers/{id}"));
    };
    let reg = s.cases.register();
    let v = match vouchers::get(&reg, &user, &id).await {
        Ok(v) => v,
        Err(e) => return service_failed(&s, &c, e),
    };
    let may_redeem = s.cases.authz.allowed(
        &user,
        "redeem_voucher",
        &Resource::Voucher {
            id: &v.id,
            holder: &v.holder_id,
            agency: vouchers::region(&v.region).map_or("", |r| r.1),
        },
    );
    let providers = if may_redeem {
        match voucher_redemptions::providers(&s.cases.db).await {
            Ok(p) => p,
            Err(e) => return service_failed(&s, &c, e),
        }
    } else {
        Vec::new()
    };
    render(
        &s,
        &c,
        "voucher.html",
        context! {
            v => Value::from_serialize(&v),
            may_redeem => may_redeem,
            providers => Value::from_serialize(&providers),
        },
    )
}

/// The holder's forms on a voucher: ask a provider, withdraw a waiting request.
pub(super) async fn voucher_act(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, &form_value(&form, "csrf")) {
        return r;
    }
    let reg = s.cases.register();
    let today = onestop_store::today();
    let done = match form_value(&form, "action").as_str() {
        "redeem" => voucher_redemptions::request(
            &reg,
            &user,
            &id,
            &Redeem {
                amount: J::String(form_amount(&form_value(&form, "amount"))),
                provider: form_value(&form, "provider"),
                service: form_value(&form, "service"),
            },
            today,
        )
        .await
        .map(drop),
        "withdraw" => voucher_redemptions::decide(
            &reg,
            &user,
            &form_value(&form, "redemption"),
            RedemptionDecision::Withdraw,
            "",
            today,
        )
        .await
        .map(drop),
        _ => Err(ServiceError::invalid("action", "unknown action")),
    };
    match done {
        Ok(()) => Redirect::to(&format!("/vouchers/{id}")).into_response(),
        Err(e) => service_failed(&s, &c, e),
    }
}

/// `?month=YYYY-MM&agency=...` of the settlement pages.
#[derive(Deserialize, Default)]
pub(super) struct SettlementQuery {
    #[serde(default)]
    month: String,
    #[serde(default)]
    agency: String,
}

/// The settlement: which agency owes which provider how much, by month.
pub(super) async fn settlement(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<SettlementQuery>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect("/vouchers/settlement");
    };
    let lines = match voucher_settlement::lines(
        &s.cases.register(),
        &user,
        Some(&q.month),
        Some(&q.agency),
    )
    .await
    {
        Ok(l) => l,
        Err(e) => return service_failed(&s, &c, e),
    };
    let total: i64 = lines
        .iter()
        .filter_map(|l| {
            onestop_register::money::parse_fen("amount", &J::String(l.amount.clone())).ok()
        })
        .sum();
    let agencies: Vec<&str> = REGIONS.iter().map(|r| r.1).collect();
    let mut csv = String::from("/vouchers/settlement.csv");
    let params: Vec<String> = [("month", &q.month), ("agency", &q.agency)]
        .iter()
        // Months and agency ids are letters, digits and hyphens; anything else was
        // refused or matched nothing, and is left out of the link.
        .filter(|(_, v)| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !params.is_empty() {
        csv.push('?');
        csv.push_str(&params.join("&"));
    }
    render(
        &s,
        &c,
        "voucher_settlement.html",
        context! {
            lines => Value::from_serialize(&lines),
            total => onestop_register::money::yuan(total),
            month => q.month,
            agency => q.agency,
            agencies => agencies,
            csv => csv,
        },
    )
}

/// The same lines as a CSV download.
pub(super) async fn settlement_csv(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<SettlementQuery>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect("/vouchers/settlement");
    };
    match voucher_settlement::lines(&s.cases.register(), &user, Some(&q.month), Some(&q.agency))
        .await
    {
        Ok(lines) => crate::api::vouchers::csv_response(&lines, Some(&q.month)),
        Err(e) => service_failed(&s, &c, e),
    }
}
