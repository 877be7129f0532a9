//! Instrument sharing (001_0cbca1dd9c1e8cc0.txt §28: "promote the sharing of
//! instruments and equipment ... relying on such public service platforms as the
//! Capital Scientific and Technological Conditions Platform"; 000_abb21015abc8a560.txt
//! §8 "Encouraging High-Standard Opening-up of Major S&T Facilities"). A unit lists a
//! large instrument with a fee per working day in integer fen; other applicants book
//! a set of working days; the table `instrument_days` holds one row per instrument
//! and day, and its primary key is what refuses a double booking, also when two
//! requests race (the loser's transaction is rolled back whole). The unit confirms
//! or refuses (a refusal releases the days), reports the usage from the slot's last
//! day on, and every unit has a public sharing report. Cedar: `list_instrument`,
//! `book_instrument`, `view_instrument_bookings`, `decide_booking`, `report_usage`,
//! `view_booking`.

use crate::text::{date, required};
use chrono::NaiveDate;
use onestop_store::authz::Resource;
use onestop_store::db::is_unique_violation;
use onestop_store::{Account, Authz, Db, Result, ServiceError, now};
use serde::{Deserialize, Serialize};
use sqlx::Row;

pub const MAX_NAME: usize = 200;
pub const MAX_RULES: usize = 8000;
pub const MAX_PURPOSE: usize = 4000;
/// A booking holds 1 to this many working days.
pub const MAX_DAYS: usize = 20;
/// The highest fee per day a unit may ask: 1,000,000 yuan, in fen.
pub const MAX_FEE_FEN: i64 = 100_000_000;
/// How far ahead a day may be booked, in calendar days.
pub const HORIZON_DAYS: i64 = 366;

/// A listed instrument, as the public sees it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Instrument {
    pub id: String,
    pub unit: String,
    pub unit_name: String,
    pub name: String,
    pub category: String,
    pub location: String,
    pub rules: String,
    pub fee_fen_per_day: i64,
    pub listed_at: String,
}

/// What a unit lists.
#[derive(Debug, Clone, Deserialize)]
pub struct NewInstrument {
    pub name: String,
    pub category: String,
    pub location: String,
    pub rules: String,
    pub fee_fen_per_day: i64,
}

/// A booking and where it stands: `requested`, `confirmed`, `refused`, `used`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Booking {
    pub id: String,
    pub instrument_id: String,
    pub instrument_name: String,
    pub unit: String,
    pub booker: String,
    pub booker_name: String,
    pub days: Vec<String>,
    pub first_day: String,
    pub last_day: String,
    /// The number of days times the fee per day when booked, in fen.
    pub fee_fen: i64,
    pub purpose: String,
    pub status: String,
    pub requested_at: String,
    pub decided_at: Option<String>,
    pub usage_hours: Option<i64>,
    pub usage_result: Option<String>,
    pub reported_at: Option<String>,
}

/// One instrument's line of a unit's public sharing report.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InstrumentUse {
    pub id: String,
    pub name: String,
    pub fee_fen_per_day: i64,
    /// Confirmed or used bookings.
    pub bookings: i64,
    /// Days held by confirmed or used bookings.
    pub days_booked: i64,
    /// Days of bookings whose usage is reported.
    pub days_used: i64,
    pub hours_used: i64,
    /// Fees of confirmed or used bookings, in fen.
    pub fees_fen: i64,
}

/// A unit's public open-sharing report.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SharingReport {
    pub unit: String,
    pub unit_name: String,
    pub instruments: Vec<InstrumentUse>,
    pub bookings: i64,
    pub days_booked: i64,
    pub days_used: i64,
    pub hours_used: i64,
    pub fees_fen: i64,
}

fn unit_resource<'a>(id: &'a str, unit: &'a str) -> Resource<'a> {
    Resource::Instrument { id, unit }
}

fn booking_resource(b: &Booking) -> Resource<'_> {
    Resource::InstrumentBooking {
        id: &b.id,
        unit: &b.unit,
        booker: &b.booker,
    }
}

/// Whether `who` may list instruments (as a unit: an enterprise account).
pub fn may_list(authz: &Authz, who: &Account) -> bool {
    authz.allowed(who, "list_instrument", &unit_resource("new", &who.id))
}

/// Whether `who` may do `action` (`book_instrument`, `view_instrument_bookings`) on `i`.
pub fn may(authz: &Authz, who: &Account, action: &str, i: &Instrument) -> bool {
    authz.allowed(who, action, &unit_resource(&i.id, &i.unit))
}

/// Whether `who` may do `action` (`decide_booking`, `report_usage`, `view_booking`) on `b`.
pub fn may_booking(authz: &Authz, who: &Account, action: &str, b: &Booking) -> bool {
    authz.allowed(who, action, &booking_resource(b))
}

/// Lists an instrument of `who`'s unit.
pub async fn list(db: &Db, authz: &Authz, who: &Account, n: &NewInstrument) -> Result<Instrument> {
    if !may_list(authz, who) {
        return Err(ServiceError::Forbidden(
            "instruments are listed by units (an enterprise or institution account)".into(),
        ));
    }
    let name = required("name", &n.name, MAX_NAME, "name the instrument")?;
    let category = required("category", &n.category, MAX_NAME, "give its category")?;
    let location = required("location", &n.location, MAX_NAME, "say where it stands")?;
    let rules = required("rules", &n.rules, MAX_RULES, "give its rules of use")?;
    if !(0..=MAX_FEE_FEN).contains(&n.fee_fen_per_day) {
        return Err(ServiceError::invalid(
            "fee_fen_per_day",
            format!("the fee per day is 0 to {MAX_FEE_FEN} fen (a whole number of fen)"),
        ));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO instruments (id, unit, name, category, location, rules, fee_fen_per_day, listed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&id)
        .bind(&who.id)
        .bind(&name)
        .bind(&category)
        .bind(&location)
        .bind(&rules)
        .bind(n.fee_fen_per_day)
        .bind(now())
        .execute(&db.pool)
        .await?;
    get(db, &id).await
}

const INSTRUMENT: &str = "SELECT i.id, i.unit, a.display_name, i.name, i.category, i.location, i.rules, i.fee_fen_per_day, i.listed_at FROM instruments i JOIN accounts a ON a.id = i.unit";

fn instrument_row(r: &sqlx::any::AnyRow) -> Result<Instrument> {
    Ok(Instrument {
        id: r.try_get("id")?,
        unit: r.try_get("unit")?,
        unit_name: r.try_get("display_name")?,
        name: r.try_get("name")?,
        category: r.try_get("category")?,
        location: r.try_get("location")?,
        rules: r.try_get("rules")?,
        fee_fen_per_day: r.try_get("fee_fen_per_day")?,
        listed_at: r.try_get("listed_at")?,
    })
}

/// Every listed instrument (public), newest first.
pub async fn instruments(db: &Db) -> Result<Vec<Instrument>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{INSTRUMENT} ORDER BY i.listed_at DESC, i.id"
    )))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(instrument_row).collect()
}

/// One instrument (public).
pub async fn get(db: &Db, id: &str) -> Result<Instrument> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!("{INSTRUMENT} WHERE i.id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| {
            ServiceError::NotFound(format!("no instrument {:?}", id.replace('\0', "")))
        })?;
    instrument_row(&r)
}

/// The days an instrument is held (requested or confirmed), sorted (public: the
/// portal greys them out; who holds them is not said).
pub async fn held_days(db: &Db, id: &str) -> Result<Vec<String>> {
    let rows = sqlx::query("SELECT day FROM instrument_days WHERE instrument_id = $1 ORDER BY day")
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(|r| Ok(r.try_get("day")?)).collect()
}

/// Checks a set of days to book from `today`: dates, working days per the calendar,
/// from today on, within the horizon, 1 to [`MAX_DAYS`]; sorted and deduplicated.
pub fn check_days(days: &[String], today: NaiveDate) -> Result<Vec<NaiveDate>> {
    let mut out = Vec::new();
    for d in days {
        out.push(date("days", d)?);
    }
    out.sort();
    out.dedup();
    if out.is_empty() || out.len() > MAX_DAYS {
        return Err(ServiceError::invalid(
            "days",
            format!("book 1 to {MAX_DAYS} working days"),
        ));
    }
    let cal = onestop_calendar::current();
    for d in &out {
        if *d < today {
            return Err(ServiceError::invalid(
                "days",
                format!("{d} is past; book from {today} on"),
            ));
        }
        if (*d - today).num_days() > HORIZON_DAYS {
            return Err(ServiceError::invalid(
                "days",
                format!("{d} is more than {HORIZON_DAYS} days ahead"),
            ));
        }
        match cal.is_working_day(*d) {
            Ok(true) => {}
            Ok(false) => {
                return Err(ServiceError::invalid(
                    "days",
                    format!(
                        "{d} is not a working day{}; instruments are booked by working day",
                        cal.note(*d).map(|n| format!(" ({n})")).unwrap_or_default()
                    ),
                ));
            }
            Err(e) => return Err(ServiceError::invalid("days", e.to_string())),
        }
    }
    Ok(out)
}

/// What a booker asks for.
#[derive(Debug, Clone, Deserialize)]
pub struct NewBooking {
    pub days: Vec<String>,
    pub purpose: String,
}

/// Books working days of an instrument. A day already held is refused with a
/// conflict naming it; when two requests race for a day, the database's primary key
/// lets exactly one of them through.
pub async fn book(
    db: &Db,
    authz: &Authz,
    who: &Account,
    instrument_id: &str,
    n: &NewBooking,
) -> Result<Booking> {
    let i = get(db, instrument_id).await?;
    if !may(authz, who, "book_instrument", &i) {
        return Err(ServiceError::Forbidden(
            "an instrument is booked by other applicants, not by its own unit nor by officers"
                .into(),
        ));
    }
    let days = check_days(&n.days, onestop_store::today())?;
    let purpose = required("purpose", &n.purpose, MAX_PURPOSE, "say what it is for")?;
    // A friendly message for the usual case; the key below is what decides.
    let held = held_days(db, &i.id).await?;
    if let Some(d) = days.iter().find(|d| held.contains(&d.to_string())) {
        return Err(taken(*d));
    }
    let day_strings: Vec<String> = days.iter().map(|d| d.to_string()).collect();
    let fee = i
        .fee_fen_per_day
        .checked_mul(days.len() as i64)
        .ok_or_else(|| ServiceError::invalid("days", "the fee is too large"))?;
    let id = uuid::Uuid::now_v7().to_string();
    let (first, last) = (
        day_strings[0].clone(),
        day_strings[day_strings.len() - 1].clone(),
    );
    let mut tx = db.pool.begin().await?;
    // The first statement writes, so SQLite takes the write lock at once (a racing
    // transaction waits on busy_timeout rather than failing on a stale snapshot).
    sqlx::query("INSERT INTO instrument_bookings (id, instrument_id, booker, days, first_day, last_day, fee_fen, purpose, status, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'requested', $9)")
        .bind(&id)
        .bind(&i.id)
        .bind(&who.id)
        .bind(serde_json::to_string(&day_strings).unwrap_or_else(|_| "[]".into()))
        .bind(&first)
        .bind(&last)
        .bind(fee)
        .bind(&purpose)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    for (d, s) in days.iter().zip(&day_strings) {
        let r = sqlx::query(
            "INSERT INTO instrument_days (instrument_id, day, booking_id) VALUES ($1, $2, $3)",
        )
        .bind(&i.id)
        .bind(s)
        .bind(&id)
        .execute(&mut *tx)
        .await;
        match r {
            Err(e) if is_unique_violation(&e) => {
                tx.rollback().await?;
                return Err(taken(*d));
            }
            r => {
                r?;
            }
        }
    }
    tx.commit().await?;
    booking_by_id(db, &id).await
}

fn taken(d: NaiveDate) -> ServiceError {
    ServiceError::Conflict(format!(
        "{d} is already booked on this instrument; choose other working days"
    ))
}

const BOOKING: &str = "SELECT b.id, b.instrument_id, i.name, i.unit, b.booker, a.display_name, b.days, b.first_day, b.last_day, b.fee_fen, b.purpose, b.status, b.requested_at, b.decided_at, b.usage_hours, b.usage_result, b.reported_at FROM instrument_bookings b JOIN instruments i ON i.id = b.instrument_id JOIN accounts a ON a.id = b.booker";

fn booking_row(r: &sqlx::any::AnyRow) -> Result<Booking> {
    Ok(Booking {
        id: r.try_get("id")?,
        instrument_id: r.try_get("instrument_id")?,
        instrument_name: r.try_get("name")?,
        unit: r.try_get("unit")?,
        booker: r.try_get("booker")?,
        booker_name: r.try_get("display_name")?,
        days: serde_json::from_str(&r.try_get::<String, _>("days")?).unwrap_or_default(),
        first_day: r.try_get("first_day")?,
        last_day: r.try_get("last_day")?,
        fee_fen: r.try_get("fee_fen")?,
        purpose: r.try_get("purpose")?,
        status: r.try_get("status")?,
        requested_at: r.try_get("requested_at")?,
        decided_at: r.try_get("decided_at")?,
        usage_hours: r.try_get("usage_hours")?,
        usage_result: r.try_get("usage_result")?,
        reported_at: r.try_get("reported_at")?,
    })
}

async fn booking_by_id(db: &Db, id: &str) -> Result<Booking> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!("{BOOKING} WHERE b.id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no booking {:?}", id.replace('\0', ""))))?;
    booking_row(&r)
}

/// One booking, for its unit, its booker and administrators.
pub async fn booking(db: &Db, authz: &Authz, who: &Account, id: &str) -> Result<Booking> {
    let b = booking_by_id(db, id).await?;
    if !may_booking(authz, who, "view_booking", &b) {
        return Err(ServiceError::Forbidden(
            "a booking is seen by the instrument's unit and the booker".into(),
        ));
    }
    Ok(b)
}

/// The bookings of an instrument, for its unit and administrators, by first day.
pub async fn bookings(
    db: &Db,
    authz: &Authz,
    who: &Account,
    instrument_id: &str,
) -> Result<Vec<Booking>> {
    let i = get(db, instrument_id).await?;
    if !may(authz, who, "view_instrument_bookings", &i) {
        return Err(ServiceError::Forbidden(
            "the bookings of an instrument are seen by its unit".into(),
        ));
    }
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{BOOKING} WHERE b.instrument_id = $1 ORDER BY b.first_day, b.id"
    )))
    .bind(instrument_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(booking_row).collect()
}

/// The bookings `who` made, newest first.
pub async fn mine(db: &Db, who: &Account) -> Result<Vec<Booking>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{BOOKING} WHERE b.booker = $1 ORDER BY b.requested_at DESC, b.id"
    )))
    .bind(&who.id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(booking_row).collect()
}

/// The unit confirms a requested booking or refuses it (which releases its days).
pub async fn decide(
    db: &Db,
    authz: &Authz,
    who: &Account,
    id: &str,
    confirm: bool,
) -> Result<Booking> {
    let b = booking_by_id(db, id).await?;
    if !may_booking(authz, who, "decide_booking", &b) {
        return Err(ServiceError::Forbidden(
            "a booking is confirmed or refused by the instrument's unit".into(),
        ));
    }
    let status = if confirm { "confirmed" } else { "refused" };
    let mut tx = db.pool.begin().await?;
    let r = sqlx::query("UPDATE instrument_bookings SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'requested'")
        .bind(status)
        .bind(&who.username)
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if r.rows_affected() == 0 {
        tx.rollback().await?;
        return Err(ServiceError::Conflict(format!(
            "this booking is already {}",
            b.status
        )));
    }
    if !confirm {
        sqlx::query("DELETE FROM instrument_days WHERE booking_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    booking_by_id(db, id).await
}

/// What a unit reports after a slot.
#[derive(Debug, Clone, Deserialize)]
pub struct Usage {
    pub hours: i64,
    pub result: String,
}

/// The unit reports a confirmed booking's usage, from its last day on: hours (at
/// most 24 a day) and what came of it.
pub async fn report_usage(
    db: &Db,
    authz: &Authz,
    who: &Account,
    id: &str,
    u: &Usage,
) -> Result<Booking> {
    report_usage_on(db, authz, who, id, u, onestop_store::today()).await
}

/// [`report_usage`] as of the business date `today` (the unit tests move it past a slot).
async fn report_usage_on(
    db: &Db,
    authz: &Authz,
    who: &Account,
    id: &str,
    u: &Usage,
    today: NaiveDate,
) -> Result<Booking> {
    let b = booking_by_id(db, id).await?;
    if !may_booking(authz, who, "report_usage", &b) {
        return Err(ServiceError::Forbidden(
            "the usage of a booking is reported by the instrument's unit".into(),
        ));
    }
    if b.status != "confirmed" {
        return Err(ServiceError::Conflict(format!(
            "usage is reported on a confirmed booking; this one is {}",
            b.status
        )));
    }
    if today.to_string() < b.last_day {
        return Err(ServiceError::Conflict(format!(
            "usage is reported from the slot's last day ({}) on",
            b.last_day
        )));
    }
    let max = 24 * b.days.len() as i64;
    if !(1..=max).contains(&u.hours) {
        return Err(ServiceError::invalid(
            "hours",
            format!("the hours used are 1 to {max} (24 per booked day)"),
        ));
    }
    let result = required("result", &u.result, MAX_PURPOSE, "say what the use gave")?;
    let r = sqlx::query("UPDATE instrument_bookings SET status = 'used', usage_hours = $1, usage_result = $2, reported_by = $3, reported_at = $4 WHERE id = $5 AND status = 'confirmed'")
        .bind(u.hours)
        .bind(&result)
        .bind(&who.username)
        .bind(now())
        .bind(id)
        .execute(&db.pool)
        .await?;
    if r.rows_affected() == 0 {
        return Err(ServiceError::Conflict(
            "the usage is already reported".into(),
        ));
    }
    booking_by_id(db, id).await
}

/// A unit's public sharing report: per instrument, the confirmed and used bookings,
/// days, reported hours and fees in fen.
pub async fn report(db: &Db, unit: &str) -> Result<SharingReport> {
    let name = sqlx::query("SELECT display_name FROM accounts WHERE id = $1")
        .bind(unit)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no unit {:?}", unit.replace('\0', ""))))?
        .try_get::<String, _>("display_name")?;
    let rows = sqlx::query("SELECT i.id, i.name, i.fee_fen_per_day, b.status, b.days, b.usage_hours, b.fee_fen FROM instruments i LEFT JOIN instrument_bookings b ON b.instrument_id = i.id AND b.status IN ('confirmed', 'used') WHERE i.unit = $1 ORDER BY i.listed_at, i.id")
        .bind(unit)
        .fetch_all(&db.pool)
        .await?;
    let mut lines: Vec<InstrumentUse> = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        if lines.last().is_none_or(|l| l.id != id) {
            lines.push(InstrumentUse {
                id: id.clone(),
                name: r.try_get("name")?,
                fee_fen_per_day: r.try_get("fee_fen_per_day")?,
                bookings: 0,
                days_booked: 0,
                days_used: 0,
                hours_used: 0,
                fees_fen: 0,
            });
        }
        let Some(status) = r.try_get::<Option<String>, _>("status")? else {
            continue;
        };
        let days = serde_json::from_str::<Vec<String>>(&r.try_get::<String, _>("days")?)
            .unwrap_or_default()
            .len() as i64;
        let fee: i64 = r.try_get("fee_fen")?;
        let hours: Option<i64> = r.try_get("usage_hours")?;
        if let Some(l) = lines.last_mut() {
            l.bookings += 1;
            l.days_booked += days;
            l.fees_fen += fee;
            if status == "used" {
                l.days_used += days;
                l.hours_used += hours.unwrap_or(0);
            }
        }
    }
    Ok(SharingReport {
        unit: unit.to_string(),
        unit_name: name,
        bookings: lines.iter().map(|l| l.bookings).sum(),
        days_booked: lines.iter().map(|l| l.days_booked).sum(),
        days_used: lines.iter().map(|l| l.days_used).sum(),
        hours_used: lines.iter().map(|l| l.hours_used).sum(),
        fees_fen: lines.iter().map(|l| l.fees_fen).sum(),
        instruments: lines,
    })
}

/// Fen as yuan for display, exactly: 123456 → "1234.56".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    format!("{sign}{}.{:02}", f / 100, f % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{account, db};
    use onestop_store::Role;

    /// The next `n` working days after today, as the booking form sends them.
    fn working_days(n: i64) -> Vec<String> {
        let cal = onestop_calendar::current();
        let today = onestop_store::today();
        (1..=n)
            .map(|k| {
                cal.add_working_days(today, k)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            })
            .collect()
    }

    fn mass_spec() -> NewInstrument {
        NewInstrument {
            name: "Mass spectrometer".into(),
            category: "analysis".into(),
            location: "Huairou".into(),
            rules: "trained operators only".into(),
            fee_fen_per_day: 150_050,
        }
    }

    #[test]
    fn days_must_be_future_working_days_and_fen_print_exactly() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"); // a Monday
        assert!(check_days(&["2026-03-03".into()], today).is_ok());
        let e = check_days(&["2026-03-07".into()], today)
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("not a working day")));
        assert!(check_days(&["2026-03-01".into()], today).is_err());
        assert!(check_days(&["2026-10-01".into()], today).is_err()); // National Day
        assert!(check_days(&[], today).is_err());
        assert!(check_days(&["tomorrow".into()], today).is_err());
        assert_eq!(yuan(150_050), "1500.50");
        assert_eq!(yuan(7), "0.07");
    }

    #[tokio::test]
    async fn a_unit_lists_others_book_one_wins_a_race_and_usage_is_reported() {
        let db = db("instruments").await;
        let authz = Authz::shipped().expect("policies");
        let unit = account(&db, "unit1", Role::Applicant, None, Some("enterprise")).await;
        let lab = account(&db, "lab1", Role::Applicant, None, Some("enterprise")).await;
        let person = account(&db, "per1", Role::Applicant, None, Some("person")).await;
        let officer = account(&db, "off1", Role::Officer, Some("sci-tech"), None).await;

        assert!(matches!(
            list(&db, &authz, &person, &mass_spec()).await,
            Err(ServiceError::Forbidden(_))
        ));
        let mut bad = mass_spec();
        bad.fee_fen_per_day = -1;
        assert!(matches!(
            list(&db, &authz, &unit, &bad).await,
            Err(ServiceError::Invalid { ref field, .. }) if field == "fee_fen_per_day"
        ));
        let i = list(&db, &authz, &unit, &mass_spec())
            .await
            .expect("listed");

        let days = working_days(3);
        let ask = |d: &[String]| NewBooking {
            days: d.to_vec(),
            purpose: "protein samples".into(),
        };
        // The unit cannot book its own instrument, nor an officer.
        for who in [&unit, &officer] {
            assert!(matches!(
                book(&db, &authz, who, &i.id, &ask(&days[..1])).await,
                Err(ServiceError::Forbidden(_))
            ));
        }
        let b = book(&db, &authz, &lab, &i.id, &ask(&days[..2]))
            .await
            .expect("booked");
        assert_eq!(b.fee_fen, 300_100);
        assert_eq!(b.status, "requested");
        // The same day again is refused, naming it.
        let e = book(&db, &authz, &person, &i.id, &ask(&days[1..3])).await;
        assert!(matches!(e, Err(ServiceError::Conflict(ref m)) if m.contains(&days[1])));
        assert_eq!(
            held_days(&db, &i.id).await.expect("held"),
            days[..2].to_vec()
        );

        // Eight concurrent requests for the third day: exactly one is booked.
        let shared = std::sync::Arc::new((db, authz));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (s, who, d, id) = (
                shared.clone(),
                person.clone(),
                days[2].clone(),
                i.id.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let n = NewBooking {
                    days: vec![d],
                    purpose: "race".into(),
                };
                book(&s.0, &s.1, &who, &id, &n).await
            }));
        }
        let mut won = 0;
        for t in tasks {
            match t.await.expect("task") {
                Ok(_) => won += 1,
                Err(ServiceError::Conflict(m)) => assert!(m.contains("already booked"), "{m}"),
                Err(e) => panic!("a racing booking failed otherwise: {e}"),
            }
        }
        let (db, authz) = (&shared.0, &shared.1);
        assert_eq!(won, 1);
        assert_eq!(held_days(db, &i.id).await.expect("held").len(), 3);

        // Only the unit decides; refusing releases the days.
        assert!(matches!(
            decide(db, authz, &lab, &b.id, true).await,
            Err(ServiceError::Forbidden(_))
        ));
        let mine = mine(db, &person).await.expect("mine");
        let raced = decide(db, authz, &unit, &mine[0].id, false)
            .await
            .expect("refused");
        assert_eq!(raced.status, "refused");
        assert_eq!(held_days(db, &i.id).await.expect("held").len(), 2);
        let b = decide(db, authz, &unit, &b.id, true)
            .await
            .expect("confirmed");
        assert_eq!(b.status, "confirmed");
        assert!(matches!(
            decide(db, authz, &unit, &b.id, false).await,
            Err(ServiceError::Conflict(_))
        ));
        // Usage is reported only from the last day on (the slot is in the future here).
        let u = Usage {
            hours: 10,
            result: "spectra of 40 samples".into(),
        };
        assert!(matches!(
            report_usage(db, authz, &unit, &b.id, &u).await,
            Err(ServiceError::Conflict(ref m)) if m.contains("last day")
        ));
        assert!(matches!(
            booking(db, authz, &person, &b.id).await,
            Err(ServiceError::Forbidden(_))
        ));
        assert_eq!(
            booking(db, authz, &lab, &b.id).await.ok().map(|x| x.id),
            Some(b.id.clone())
        );
        assert!(matches!(
            bookings(db, authz, &lab, &i.id).await,
            Err(ServiceError::Forbidden(_))
        ));
        assert_eq!(
            bookings(db, authz, &unit, &i.id).await.expect("list").len(),
            2
        );

        let r = report(db, &unit.id).await.expect("report");
        assert_eq!(r.instruments.len(), 1);
        assert_eq!(
            (r.bookings, r.days_booked, r.days_used, r.fees_fen),
            (1, 2, 0, 300_100)
        );

        // On the last day the unit reports; hours beyond 24 a day are refused.
        let last = NaiveDate::parse_from_str(&b.last_day, "%Y-%m-%d").expect("date");
        let too_many = Usage {
            hours: 49,
            ..u.clone()
        };
        assert!(matches!(
            report_usage_on(db, authz, &unit, &b.id, &too_many, last).await,
            Err(ServiceError::Invalid { ref field, .. }) if field == "hours"
        ));
        assert!(matches!(
            report_usage_on(db, authz, &lab, &b.id, &u, last).await,
            Err(ServiceError::Forbidden(_))
        ));
        let used = report_usage_on(db, authz, &unit, &b.id, &u, last)
            .await
            .expect("reported");
        assert_eq!((used.status.as_str(), used.usage_hours), ("used", Some(10)));
        assert!(matches!(
            report_usage_on(db, authz, &unit, &b.id, &u, last).await,
            Err(ServiceError::Conflict(_))
        ));
        let r = report(db, &unit.id).await.expect("report");
        assert_eq!(
            (r.bookings, r.days_booked, r.days_used, r.hours_used),
            (1, 2, 2, 10)
        );
        assert_eq!(r.instruments[0].fees_fen, 300_100);
    }
}
