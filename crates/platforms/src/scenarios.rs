//! Application-scenario lists (001_0cbca1dd9c1e8cc0.txt §25: "improve the mechanism of
//! ... supply and demand collaboration, regularly release a list of application
//! scenario projects"; 000_abb21015abc8a560.txt §13 "Facilitating the Development of
//! Application Scenarios"). An agency's officer publishes a list of scenarios with a
//! submission period in working days (counted with onestop-calendar); enterprises
//! submit one solution per scenario while the list is open; the agency reads the
//! solutions ranked by [`crate::matching`], selects some and publishes the results,
//! which closes the list and makes the selection public. Cedar:
//! `publish_scenario_list`, `submit_solution`, `view_solutions`, `view_solution`,
//! `select_solution`, `publish_scenario_results`.

use crate::matching::{Match, match_scenario};
use crate::text::{required, word, words};
use chrono::NaiveDate;
use onestop_store::authz::Resource;
use onestop_store::db::is_unique_violation;
use onestop_store::{Account, Authz, Db, Result, ServiceError, now};
use serde::{Deserialize, Serialize};
use sqlx::Row;

pub const MAX_TITLE: usize = 300;
pub const MAX_NEED: usize = 8000;
pub const MAX_SOLUTION: usize = 20_000;
/// A list has 1 to this many scenarios.
pub const MAX_SCENARIOS: usize = 50;
/// The submission period, in working days: long enough for an enterprise to answer,
/// short enough that a list is "regularly" renewed (§25).
pub const MIN_WORKING_DAYS: i64 = 5;
pub const MAX_WORKING_DAYS: i64 = 60;

/// One scenario of a list: what the agency needs, where and with what.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Scenario {
    pub id: String,
    pub list_id: String,
    pub position: i64,
    pub title: String,
    pub need: String,
    pub industry: String,
    pub capabilities: Vec<String>,
}

/// A published list, as the public sees it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ScenarioList {
    pub id: String,
    pub agency: String,
    pub title: String,
    pub working_days: i64,
    pub opened_on: String,
    pub closes_on: String,
    /// Counted through a year without a holiday notice (the date may move).
    pub closes_provisional: bool,
    pub published_by: String,
    pub published_at: String,
    pub results_at: Option<String>,
    /// Solutions are accepted: results not published and the period not over.
    pub open: bool,
    pub scenarios: Vec<Scenario>,
}

/// A scenario as an agency writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct NewScenario {
    pub title: String,
    pub need: String,
    pub industry: String,
    pub capabilities: Vec<String>,
}

/// A list as an agency publishes it.
#[derive(Debug, Clone, Deserialize)]
pub struct NewList {
    pub title: String,
    pub working_days: i64,
    pub scenarios: Vec<NewScenario>,
}

/// An enterprise's solution to one scenario, with how it matches the scenario.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Solution {
    pub id: String,
    pub scenario_id: String,
    pub scenario_title: String,
    pub list_id: String,
    pub enterprise: String,
    pub enterprise_name: String,
    pub text: String,
    pub industry: String,
    pub capabilities: Vec<String>,
    pub submitted_at: String,
    pub selected: bool,
    pub selected_at: Option<String>,
    #[serde(rename = "match")]
    pub matching: Match,
}

/// A scenario suggested to an enterprise, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Suggestion {
    pub list_id: String,
    pub list_title: String,
    pub scenario: Scenario,
    #[serde(rename = "match")]
    pub matching: Match,
}

/// One selected solution on a list's public results.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Selected {
    pub scenario_id: String,
    pub scenario_title: String,
    pub enterprise_name: String,
}

fn due(day: NaiveDate, n: i64) -> Result<(NaiveDate, bool)> {
    let cal = onestop_calendar::current();
    let due = cal.add_working_days(day, n).map_err(|e| {
        ServiceError::Conflict(format!("no closing date can be counted from {day}: {e}"))
    })?;
    Ok((due, !cal.provisional_in(day, due).is_empty()))
}

fn json_words(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn resource(l: &ScenarioList) -> Resource<'_> {
    Resource::ScenarioList {
        id: &l.id,
        agency: &l.agency,
        open: l.open,
    }
}

/// Whether `who` may do `action` (`submit_solution`, `view_solutions`,
/// `select_solution`, `publish_scenario_results`) on list `l`.
pub fn may(authz: &Authz, who: &Account, action: &str, l: &ScenarioList) -> bool {
    authz.allowed(who, action, &resource(l))
}

/// Whether `who` may publish scenario lists (for its own agency).
pub fn may_publish(authz: &Authz, who: &Account) -> bool {
    let agency = who.agency.clone().unwrap_or_default();
    authz.allowed(
        who,
        "publish_scenario_list",
        &Resource::ScenarioList {
            id: "new",
            agency: &agency,
            open: true,
        },
    )
}

/// Publishes a list for `who`'s agency; submissions close after `working_days`.
pub async fn publish(db: &Db, authz: &Authz, who: &Account, l: &NewList) -> Result<ScenarioList> {
    if !may_publish(authz, who) {
        return Err(ServiceError::Forbidden(
            "scenario lists are published by an agency's officers".into(),
        ));
    }
    let title = required("title", &l.title, MAX_TITLE, "give the list a title")?;
    if !(MIN_WORKING_DAYS..=MAX_WORKING_DAYS).contains(&l.working_days) {
        return Err(ServiceError::invalid(
            "working_days",
            format!(
                "the submission period is {} working days; give {MIN_WORKING_DAYS} to {MAX_WORKING_DAYS}",
                l.working_days
            ),
        ));
    }
    if l.scenarios.is_empty() || l.scenarios.len() > MAX_SCENARIOS {
        return Err(ServiceError::invalid(
            "scenarios",
            format!("a list has 1 to {MAX_SCENARIOS} scenarios"),
        ));
    }
    let mut rows = Vec::new();
    for s in &l.scenarios {
        rows.push((
            required(
                "scenario title",
                &s.title,
                MAX_TITLE,
                "give each scenario a title",
            )?,
            required("need", &s.need, MAX_NEED, "say what the scenario needs")?,
            word("industry", &s.industry)?,
            words("capabilities", &s.capabilities)?,
        ));
    }
    let today = onestop_store::today();
    let (closes_on, provisional) = due(today, l.working_days)?;
    let id = uuid::Uuid::now_v7().to_string();
    let mut tx = db.pool.begin().await?;
    sqlx::query("INSERT INTO scenario_lists (id, agency, title, working_days, opened_on, closes_on, closes_provisional, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(&id)
        .bind(who.agency.clone().unwrap_or_default())
        .bind(&title)
        .bind(l.working_days)
        .bind(today.to_string())
        .bind(closes_on.to_string())
        .bind(i64::from(provisional))
        .bind(&who.username)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    for (i, (t, need, industry, caps)) in rows.iter().enumerate() {
        sqlx::query("INSERT INTO scenarios (id, list_id, position, title, need, industry, capabilities) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(&id)
            .bind(i as i64 + 1)
            .bind(t)
            .bind(need)
            .bind(industry)
            .bind(serde_json::to_string(caps).unwrap_or_else(|_| "[]".into()))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    get(db, &id).await
}

async fn scenarios_of(db: &Db, list_id: &str) -> Result<Vec<Scenario>> {
    let rows = sqlx::query("SELECT id, list_id, position, title, need, industry, capabilities FROM scenarios WHERE list_id = $1 ORDER BY position")
        .bind(list_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Scenario {
                id: r.try_get("id")?,
                list_id: r.try_get("list_id")?,
                position: r.try_get("position")?,
                title: r.try_get("title")?,
                need: r.try_get("need")?,
                industry: r.try_get("industry")?,
                capabilities: json_words(&r.try_get::<String, _>("capabilities")?),
            })
        })
        .collect()
}

const SELECT: &str = "SELECT id, agency, title, working_days, opened_on, closes_on, closes_provisional, published_by, published_at, results_at FROM scenario_lists";

async fn from_row(db: &Db, r: &sqlx::any::AnyRow, today: NaiveDate) -> Result<ScenarioList> {
    let id: String = r.try_get("id")?;
    let closes_on: String = r.try_get("closes_on")?;
    let results_at: Option<String> = r.try_get("results_at")?;
    let open = results_at.is_none()
        && NaiveDate::parse_from_str(&closes_on, "%Y-%m-%d").is_ok_and(|d| today <= d);
    Ok(ScenarioList {
        scenarios: scenarios_of(db, &id).await?,
        id,
        agency: r.try_get("agency")?,
        title: r.try_get("title")?,
        working_days: r.try_get("working_days")?,
        opened_on: r.try_get("opened_on")?,
        closes_on,
        closes_provisional: r.try_get::<i64, _>("closes_provisional")? != 0,
        published_by: r.try_get("published_by")?,
        published_at: r.try_get("published_at")?,
        results_at,
        open,
    })
}

/// Every list, open ones first, newest first (public).
pub async fn lists(db: &Db) -> Result<Vec<ScenarioList>> {
    let today = onestop_store::today();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY published_at DESC, id"
    )))
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        out.push(from_row(db, r, today).await?);
    }
    out.sort_by_key(|l| !l.open);
    Ok(out)
}

/// One list (public).
pub async fn get(db: &Db, id: &str) -> Result<ScenarioList> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| {
            ServiceError::NotFound(format!("no scenario list {:?}", id.replace('\0', "")))
        })?;
    from_row(db, &r, onestop_store::today()).await
}

/// The scenarios of the open lists suggested to an enterprise working in `industry`
/// with `capabilities`, best first, each with the reason (public: anyone may ask).
pub async fn suggest(db: &Db, industry: &str, capabilities: &[String]) -> Result<Vec<Suggestion>> {
    let industry = word("industry", industry)?;
    let caps = words("capabilities", capabilities)?;
    let mut out = Vec::new();
    for l in lists(db).await?.into_iter().filter(|l| l.open) {
        for s in &l.scenarios {
            let m = match_scenario(&s.industry, &s.capabilities, &industry, &caps);
            if m.suggested {
                out.push(Suggestion {
                    list_id: l.id.clone(),
                    list_title: l.title.clone(),
                    scenario: s.clone(),
                    matching: m,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.matching
            .score
            .cmp(&a.matching.score)
            .then_with(|| a.scenario.list_id.cmp(&b.scenario.list_id))
            .then_with(|| a.scenario.position.cmp(&b.scenario.position))
    });
    Ok(out)
}

async fn scenario(db: &Db, id: &str) -> Result<Scenario> {
    let r = sqlx::query("SELECT id, list_id, position, title, need, industry, capabilities FROM scenarios WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no scenario {:?}", id.replace('\0', ""))))?;
    Ok(Scenario {
        id: r.try_get("id")?,
        list_id: r.try_get("list_id")?,
        position: r.try_get("position")?,
        title: r.try_get("title")?,
        need: r.try_get("need")?,
        industry: r.try_get("industry")?,
        capabilities: json_words(&r.try_get::<String, _>("capabilities")?),
    })
}

/// What an enterprise submits for a scenario.
#[derive(Debug, Clone, Deserialize)]
pub struct NewSolution {
    pub text: String,
    pub industry: String,
    pub capabilities: Vec<String>,
}

/// An enterprise's solution to a scenario of an open list (one per scenario).
pub async fn submit(
    db: &Db,
    authz: &Authz,
    who: &Account,
    scenario_id: &str,
    s: &NewSolution,
) -> Result<Solution> {
    let sc = scenario(db, scenario_id).await?;
    let l = get(db, &sc.list_id).await?;
    if !may(authz, who, "submit_solution", &l) {
        return Err(if l.open {
            ServiceError::Forbidden("solutions to a scenario are submitted by enterprises".into())
        } else {
            ServiceError::Conflict(format!(
                "this list no longer accepts solutions (it closed on {})",
                l.results_at
                    .as_deref()
                    .and_then(|c| c.get(..10))
                    .unwrap_or(&l.closes_on)
            ))
        });
    }
    let text = required("text", &s.text, MAX_SOLUTION, "describe the solution")?;
    let industry = word("industry", &s.industry)?;
    let caps = words("capabilities", &s.capabilities)?;
    let id = uuid::Uuid::now_v7().to_string();
    let r = sqlx::query("INSERT INTO scenario_solutions (id, scenario_id, enterprise, text, industry, capabilities, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(&sc.id)
        .bind(&who.id)
        .bind(&text)
        .bind(&industry)
        .bind(serde_json::to_string(&caps).unwrap_or_else(|_| "[]".into()))
        .bind(now())
        .execute(&db.pool)
        .await;
    match r {
        Err(e) if is_unique_violation(&e) => {
            return Err(ServiceError::Conflict(
                "you have already submitted a solution to this scenario".into(),
            ));
        }
        r => {
            r?;
        }
    }
    solution_by_id(db, &id).await
}

const SOLUTION: &str = "SELECT so.id, so.scenario_id, sc.title AS scenario_title, sc.list_id, sc.industry AS scenario_industry, sc.capabilities AS sought, so.enterprise, a.display_name, so.text, so.industry, so.capabilities, so.submitted_at, so.selected, so.selected_at FROM scenario_solutions so JOIN scenarios sc ON sc.id = so.scenario_id JOIN accounts a ON a.id = so.enterprise";

fn solution_row(r: &sqlx::any::AnyRow) -> Result<Solution> {
    let industry: String = r.try_get("industry")?;
    let caps = json_words(&r.try_get::<String, _>("capabilities")?);
    let matching = match_scenario(
        &r.try_get::<String, _>("scenario_industry")?,
        &json_words(&r.try_get::<String, _>("sought")?),
        &industry,
        &caps,
    );
    Ok(Solution {
        id: r.try_get("id")?,
        scenario_id: r.try_get("scenario_id")?,
        scenario_title: r.try_get("scenario_title")?,
        list_id: r.try_get("list_id")?,
        enterprise: r.try_get("enterprise")?,
        enterprise_name: r.try_get("display_name")?,
        text: r.try_get("text")?,
        industry,
        capabilities: caps,
        submitted_at: r.try_get("submitted_at")?,
        selected: r.try_get::<i64, _>("selected")? != 0,
        selected_at: r.try_get("selected_at")?,
        matching,
    })
}

async fn solution_by_id(db: &Db, id: &str) -> Result<Solution> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!("{SOLUTION} WHERE so.id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no solution {:?}", id.replace('\0', ""))))?;
    solution_row(&r)
}

/// One solution, for its enterprise, the list's agency and administrators.
pub async fn solution(db: &Db, authz: &Authz, who: &Account, id: &str) -> Result<Solution> {
    let s = solution_by_id(db, id).await?;
    let l = get(db, &s.list_id).await?;
    let res = Resource::ScenarioSolution {
        id: &s.id,
        enterprise: &s.enterprise,
        agency: &l.agency,
    };
    if !authz.allowed(who, "view_solution", &res) {
        return Err(ServiceError::Forbidden(
            "a solution is read by its enterprise and the list's agency".into(),
        ));
    }
    Ok(s)
}

/// The solutions to a list, best match first, for its agency and administrators.
pub async fn solutions(
    db: &Db,
    authz: &Authz,
    who: &Account,
    list_id: &str,
) -> Result<Vec<Solution>> {
    let l = get(db, list_id).await?;
    if !may(authz, who, "view_solutions", &l) {
        return Err(ServiceError::Forbidden(format!(
            "the solutions to a list are read by the officers of {}",
            l.agency
        )));
    }
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SOLUTION} WHERE sc.list_id = $1 ORDER BY sc.position, so.submitted_at, so.id"
    )))
    .bind(list_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = rows.iter().map(solution_row).collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|s| std::cmp::Reverse(s.matching.score));
    Ok(out)
}

/// The solutions `who` submitted, newest first.
pub async fn mine(db: &Db, who: &Account) -> Result<Vec<Solution>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SOLUTION} WHERE so.enterprise = $1 ORDER BY so.submitted_at DESC, so.id"
    )))
    .bind(&who.id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(solution_row).collect()
}

/// The agency selects a solution (before its results are published).
pub async fn select(db: &Db, authz: &Authz, who: &Account, solution_id: &str) -> Result<Solution> {
    let s = solution_by_id(db, solution_id).await?;
    let l = get(db, &s.list_id).await?;
    if !may(authz, who, "select_solution", &l) {
        return Err(ServiceError::Forbidden(format!(
            "solutions are selected by the officers of {}",
            l.agency
        )));
    }
    if l.results_at.is_some() {
        return Err(ServiceError::Conflict(
            "the results of this list are published; the selection is final".into(),
        ));
    }
    sqlx::query("UPDATE scenario_solutions SET selected = 1, selected_by = $1, selected_at = $2 WHERE id = $3")
        .bind(&who.username)
        .bind(now())
        .bind(solution_id)
        .execute(&db.pool)
        .await?;
    solution_by_id(db, solution_id).await
}

/// The agency publishes the results: the list closes and its selection is public.
pub async fn publish_results(
    db: &Db,
    authz: &Authz,
    who: &Account,
    list_id: &str,
) -> Result<ScenarioList> {
    let l = get(db, list_id).await?;
    if !may(authz, who, "publish_scenario_results", &l) {
        return Err(ServiceError::Forbidden(format!(
            "the results of a list are published by the officers of {}",
            l.agency
        )));
    }
    let r = sqlx::query(
        "UPDATE scenario_lists SET results_at = $1 WHERE id = $2 AND results_at IS NULL",
    )
    .bind(now())
    .bind(list_id)
    .execute(&db.pool)
    .await?;
    if r.rows_affected() == 0 {
        return Err(ServiceError::Conflict(
            "the results of this list are already published".into(),
        ));
    }
    get(db, list_id).await
}

/// The public results of a list: the selected solutions' scenarios and enterprises
/// (not their text). Empty until the agency publishes them.
pub async fn results(db: &Db, list_id: &str) -> Result<Vec<Selected>> {
    let l = get(db, list_id).await?;
    if l.results_at.is_none() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query("SELECT sc.id, sc.title, a.display_name FROM scenario_solutions so JOIN scenarios sc ON sc.id = so.scenario_id JOIN accounts a ON a.id = so.enterprise WHERE sc.list_id = $1 AND so.selected = 1 ORDER BY sc.position, a.display_name")
        .bind(list_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Selected {
                scenario_id: r.try_get("id")?,
                scenario_title: r.try_get("title")?,
                enterprise_name: r.try_get("display_name")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{account, db};
    use onestop_store::Role;

    fn new_list() -> NewList {
        NewList {
            title: "Smart transport 2026".into(),
            working_days: 10,
            scenarios: vec![
                NewScenario {
                    title: "Crossing cameras".into(),
                    need: "detect congestion".into(),
                    industry: "Transport".into(),
                    capabilities: vec!["Computer Vision".into(), "5G".into()],
                },
                NewScenario {
                    title: "Hospital records".into(),
                    need: "share records safely".into(),
                    industry: "health".into(),
                    capabilities: vec!["blockchain".into()],
                },
            ],
        }
    }

    #[tokio::test]
    async fn a_list_is_published_solved_selected_and_its_results_are_public() {
        let db = db("scenarios").await;
        let authz = Authz::shipped().expect("policies");
        let officer = account(&db, "off1", Role::Officer, Some("sci-tech"), None).await;
        let ent = account(&db, "ent1", Role::Applicant, None, Some("enterprise")).await;
        let other = account(&db, "ent2", Role::Applicant, None, Some("enterprise")).await;
        let person = account(&db, "per1", Role::Applicant, None, Some("person")).await;

        // Only an officer publishes; an enterprise is refused.
        assert!(matches!(
            publish(&db, &authz, &ent, &new_list()).await,
            Err(ServiceError::Forbidden(_))
        ));
        let mut bad = new_list();
        bad.working_days = 2;
        assert!(matches!(
            publish(&db, &authz, &officer, &bad).await,
            Err(ServiceError::Invalid { ref field, .. }) if field == "working_days"
        ));
        let l = publish(&db, &authz, &officer, &new_list())
            .await
            .expect("published");
        assert!(l.open);
        assert_eq!(l.agency, "sci-tech");
        assert_eq!(l.scenarios.len(), 2);
        assert_eq!(l.scenarios[0].industry, "transport");
        assert_eq!(l.scenarios[0].capabilities, vec!["5g", "computer-vision"]);
        let cal = onestop_calendar::current();
        let opened = NaiveDate::parse_from_str(&l.opened_on, "%Y-%m-%d").expect("date");
        let closes = NaiveDate::parse_from_str(&l.closes_on, "%Y-%m-%d").expect("date");
        assert_eq!(cal.working_days_between(opened, closes).ok(), Some(10));

        // Matching: a transport enterprise sees the crossing cameras first.
        let s = suggest(&db, "transport", &["5g".into()])
            .await
            .expect("suggest");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].scenario.title, "Crossing cameras");
        assert_eq!(s[0].matching.score, 3);
        let s = suggest(&db, "finance", &["blockchain".into()])
            .await
            .expect("suggest");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].scenario.title, "Hospital records");

        let sol = NewSolution {
            text: "Edge cameras with on-device models".into(),
            industry: "transport".into(),
            capabilities: vec!["computer-vision".into()],
        };
        let cam = &l.scenarios[0].id;
        // A person (not an enterprise) and an officer are refused.
        for who in [&person, &officer] {
            assert!(matches!(
                submit(&db, &authz, who, cam, &sol).await,
                Err(ServiceError::Forbidden(_))
            ));
        }
        let mine = submit(&db, &authz, &ent, cam, &sol)
            .await
            .expect("submitted");
        assert_eq!(mine.matching.score, 3);
        assert!(matches!(
            submit(&db, &authz, &ent, cam, &sol).await,
            Err(ServiceError::Conflict(_))
        ));
        let weak = NewSolution {
            industry: "retail".into(),
            capabilities: vec!["5g".into()],
            ..sol.clone()
        };
        submit(&db, &authz, &other, cam, &weak)
            .await
            .expect("second");

        // The agency reads them best first; the other enterprise cannot read mine.
        let all = solutions(&db, &authz, &officer, &l.id).await.expect("read");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].enterprise, ent.id);
        assert!(matches!(
            solutions(&db, &authz, &ent, &l.id).await,
            Err(ServiceError::Forbidden(_))
        ));
        assert!(matches!(
            solution(&db, &authz, &other, &mine.id).await,
            Err(ServiceError::Forbidden(_))
        ));
        assert_eq!(
            solution(&db, &authz, &ent, &mine.id)
                .await
                .ok()
                .map(|s| s.id),
            Some(mine.id.clone())
        );
        assert!(matches!(
            select(&db, &authz, &ent, &mine.id).await,
            Err(ServiceError::Forbidden(_))
        ));
        assert!(
            select(&db, &authz, &officer, &mine.id)
                .await
                .expect("selected")
                .selected
        );
        // No results before they are published.
        assert!(results(&db, &l.id).await.expect("results").is_empty());
        let done = publish_results(&db, &authz, &officer, &l.id)
            .await
            .expect("published");
        assert!(!done.open);
        let r = results(&db, &l.id).await.expect("results");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].enterprise_name, "ent1 Ltd");
        // Closed: no more solutions, no second publication, no more selection.
        assert!(matches!(
            submit(&db, &authz, &other, &l.scenarios[1].id, &weak).await,
            Err(ServiceError::Conflict(_))
        ));
        assert!(matches!(
            publish_results(&db, &authz, &officer, &l.id).await,
            Err(ServiceError::Conflict(_))
        ));
        assert!(
            suggest(&db, "transport", &["5g".into()])
                .await
                .expect("s")
                .is_empty()
        );
    }
}
