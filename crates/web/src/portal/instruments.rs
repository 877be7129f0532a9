//! Instrument sharing in the portal (issue 16 item 4; 001 §28, 000 §8): every listed
//! instrument and a unit's listing form (the fee typed in yuan, stored in integer
//! fen), one instrument with its held days and the booking form, the unit's bookings
//! with confirm, refuse and usage forms, and a unit's public sharing report. Every
//! permission is the access policy's (`onestop_platforms::instruments`).

use super::page::{Page, form_sender, form_value, message, render, service_failed};
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_platforms::instruments::{self, Booking, Instrument, yuan};
use onestop_store::ServiceError;

fn instrument_row(i: &Instrument) -> Value {
    context! {
        id => i.id, unit => i.unit, unit_name => i.unit_name, name => i.name,
        category => i.category, location => i.location, rules => i.rules,
        fee => yuan(i.fee_fen_per_day), fee_fen => i.fee_fen_per_day,
    }
}

fn booking_row(b: &Booking) -> Value {
    context! {
        id => b.id, booker_name => b.booker_name, days => b.days.join(", "),
        first_day => b.first_day, last_day => b.last_day, fee => yuan(b.fee_fen),
        purpose => b.purpose, status => b.status, usage_hours => b.usage_hours,
        usage_result => b.usage_result, instrument_name => b.instrument_name,
        instrument_id => b.instrument_id,
    }
}

/// Days typed into the booking form: separated by commas, semicolons or spaces.
fn split_days(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == '，' || c == ';' || c.is_whitespace())
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

async fn instruments_page(
    s: &AppState,
    c: &Page,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let list = match instruments::instruments(&s.cases.db).await {
        Ok(x) => x,
        Err(e) => return service_failed(s, c, e),
    };
    let may_list = c
        .user
        .as_ref()
        .is_some_and(|u| instruments::may_list(&s.cases.authz, u));
    let mine = match &c.user {
        Some(u) => instruments::mine(&s.cases.db, u).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let mut r = render(
        s,
        c,
        "instruments.html",
        context! {
            instruments => list.iter().map(instrument_row).collect::<Vec<_>>(),
            may_list => may_list,
            my_unit => c.user.as_ref().filter(|_| may_list).map(|u| u.id.clone()),
            mine => mine.iter().map(booking_row).collect::<Vec<_>>(),
            error => error,
        },
    );
    *r.status_mut() = status;
    r
}

/// Every instrument, the reader's own bookings, and a unit's listing form.
pub(super) async fn page(State(s): State<AppState>, c: Page) -> Response {
    instruments_page(&s, &c, None, StatusCode::OK).await
}

/// A unit lists an instrument; the fee per day is typed in yuan.
pub(super) async fn list(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/instruments");
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let result = match onestop_platforms::text::fen_from_yuan("fee", &form_value(&form, "fee")) {
        Ok(fee) => {
            let new = instruments::NewInstrument {
                name: form_value(&form, "name"),
                category: form_value(&form, "category"),
                location: form_value(&form, "location"),
                rules: form_value(&form, "rules"),
                fee_fen_per_day: fee,
            };
            instruments::list(&s.cases.db, &s.cases.authz, &who, &new).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(i) => Redirect::to(&format!("/instruments/{}", i.id)).into_response(),
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            instruments_page(&s, &c, Some(text), status).await
        }
    }
}

async fn instrument_page(
    s: &AppState,
    c: &Page,
    id: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let i = match instruments::get(&s.cases.db, id).await {
        Ok(i) => i,
        Err(e) => return service_failed(s, c, e),
    };
    let held = match instruments::held_days(&s.cases.db, id).await {
        Ok(h) => h,
        Err(e) => return service_failed(s, c, e),
    };
    let (may_book, may_view) = match &c.user {
        Some(u) => (
            instruments::may(&s.cases.authz, u, "book_instrument", &i),
            instruments::may(&s.cases.authz, u, "view_instrument_bookings", &i),
        ),
        None => (false, false),
    };
    let bookings = match (&c.user, may_view) {
        (Some(u), true) => match instruments::bookings(&s.cases.db, &s.cases.authz, u, id).await {
            Ok(list) => list,
            Err(e) => return service_failed(s, c, e),
        },
        _ => Vec::new(),
    };
    let today = onestop_store::today().to_string();
    let bookings: Vec<Value> = bookings
        .iter()
        .map(|b| {
            let (may_decide, may_report) = match &c.user {
                Some(u) => (
                    b.status == "requested"
                        && instruments::may_booking(&s.cases.authz, u, "decide_booking", b),
                    b.status == "confirmed"
                        && b.last_day <= today
                        && instruments::may_booking(&s.cases.authz, u, "report_usage", b),
                ),
                None => (false, false),
            };
            context! { ..booking_row(b), ..context! { may_decide => may_decide, may_report => may_report } }
        })
        .collect();
    let mine: Vec<Value> = match &c.user {
        Some(u) => instruments::mine(&s.cases.db, u)
            .await
            .unwrap_or_default()
            .iter()
            .filter(|b| b.instrument_id == i.id)
            .map(booking_row)
            .collect(),
        None => Vec::new(),
    };
    let mut r = render(
        s,
        c,
        "instrument.html",
        context! {
            i => instrument_row(&i),
            held => held,
            may_book => may_book,
            may_view => may_view,
            bookings => bookings,
            mine => mine,
            today => today,
            max_days => instruments::MAX_DAYS,
            signed_in => c.user.is_some(),
            error => error,
        },
    );
    *r.status_mut() = status;
    r
}

pub(super) async fn instrument(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    instrument_page(&s, &c, &id, None, StatusCode::OK).await
}

/// Books days (`action=book`), confirms or refuses a booking (`action=confirm` or
/// `refuse`, `booking`), or reports its usage (`action=usage`, `booking`, `hours`,
/// `result`).
pub(super) async fn act(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at(&format!("/instruments/{id}"));
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let (db, authz) = (&s.cases.db, &s.cases.authz);
    let booking_id = form_value(&form, "booking");
    let result = match form_value(&form, "action").as_str() {
        "book" => {
            let new = instruments::NewBooking {
                days: split_days(&form_value(&form, "days")),
                purpose: form_value(&form, "purpose"),
            };
            instruments::book(db, authz, &who, &id, &new)
                .await
                .map(|_| ())
        }
        a @ ("confirm" | "refuse") => match of_this(&s, &who, &booking_id, &id).await {
            Ok(()) => instruments::decide(db, authz, &who, &booking_id, a == "confirm")
                .await
                .map(|_| ()),
            Err(e) => Err(e),
        },
        "usage" => match of_this(&s, &who, &booking_id, &id).await {
            Ok(()) => {
                let hours = form_value(&form, "hours");
                match hours.trim().parse::<i64>() {
                    Ok(h) => {
                        let u = instruments::Usage {
                            hours: h,
                            result: form_value(&form, "result"),
                        };
                        instruments::report_usage(db, authz, &who, &booking_id, &u)
                            .await
                            .map(|_| ())
                    }
                    Err(_) => Err(ServiceError::invalid(
                        "hours",
                        format!("{hours:?} is not a whole number of hours"),
                    )),
                }
            }
            Err(e) => Err(e),
        },
        _ => {
            return message(
                &s,
                &c,
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-action",
                "unknown action",
            );
        }
    };
    match result {
        Ok(()) => Redirect::to(&format!("/instruments/{id}?done=1")).into_response(),
        Err(e @ (ServiceError::Forbidden(_) | ServiceError::NotFound(_))) => {
            service_failed(&s, &c, e)
        }
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            instrument_page(&s, &c, &id, Some(text), status).await
        }
    }
}

/// A booking acted on from an instrument's page must be one of that instrument's.
async fn of_this(
    s: &AppState,
    who: &onestop_store::Account,
    booking_id: &str,
    instrument_id: &str,
) -> Result<(), ServiceError> {
    let b = instruments::booking(&s.cases.db, &s.cases.authz, who, booking_id).await?;
    if b.instrument_id != instrument_id {
        return Err(ServiceError::invalid(
            "booking",
            "choose a booking of this instrument",
        ));
    }
    Ok(())
}

/// A unit's public open-sharing report.
pub(super) async fn report(
    State(s): State<AppState>,
    c: Page,
    Path(unit): Path<String>,
) -> Response {
    let r = match instruments::report(&s.cases.db, &unit).await {
        Ok(r) => r,
        Err(e) => return service_failed(&s, &c, e),
    };
    let lines: Vec<Value> = r
        .instruments
        .iter()
        .map(|l| {
            context! {
                id => l.id, name => l.name, fee => yuan(l.fee_fen_per_day),
                bookings => l.bookings, days_booked => l.days_booked,
                days_used => l.days_used, hours_used => l.hours_used, fees => yuan(l.fees_fen),
            }
        })
        .collect();
    render(
        &s,
        &c,
        "sharing_report.html",
        context! {
            unit_name => r.unit_name,
            lines => lines,
            bookings => r.bookings,
            days_booked => r.days_booked,
            days_used => r.days_used,
            hours_used => r.hours_used,
            fees => yuan(r.fees_fen),
        },
    )
}
