//! The commission's platforms (issue 16 item 4), through the real `onestop serve`
//! (SQLite, or PostgreSQL when ONESTOP_TEST_PG_ADMIN is set): an agency publishes a
//! list of application scenarios (001 §25) with a closing date in working days, an
//! enterprise sees it suggested with the reason and submits a solution, the agency
//! selects it and publishes the results, which are public; a unit lists an
//! instrument (001 §28) with a fee in fen, another account books working days, a
//! double booking is refused with 409 and a message, of concurrent bookings of one
//! day exactly one wins, the usage is reported and the public sharing report shows
//! it. Parties the access policy does not name are refused with 403; malformed
//! requests get a 4xx with a message.

mod support;

use serde_json::json;
use support::{Client, Server, form, fresh, page, text_of, today};

/// A page's text without tags and without Fluent's bidi isolation marks.
fn plain(html: &str) -> String {
    text_of(html).replace(['\u{2068}', '\u{2069}'], "")
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn working_days_after(d: &str, n: i64) -> String {
    onestop_calendar::Calendar::shipped()
        .add_working_days(day(d), n)
        .expect("in the calendar")
        .to_string()
}

#[tokio::test]
async fn an_agency_publishes_scenarios_enterprises_submit_and_the_selection_is_public() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("officer-commission", "sci-tech");
    s.officer("officer-tax-bureau", "tax");
    let agency = Client::login(&s, "officer-commission").await;
    let other_agency = Client::login(&s, "officer-tax-bureau").await;
    let ent = Client::register(&s, "vision-co", "enterprise").await;
    let rival = Client::register(&s, "rival-co", "enterprise").await;
    let person = Client::register(&s, "a-person", "person").await;
    let anonymous = Client::anonymous();

    let list = json!({
        "title": "Smart transport scenarios 2026",
        "working_days": 10,
        "scenarios": [
            {"title": "Crossing cameras", "need": "Detect congestion at crossings",
             "industry": "Transport", "capabilities": ["Computer Vision", "5G"]},
            {"title": "Hospital records", "need": "Share records between hospitals",
             "industry": "health", "capabilities": ["blockchain"]}
        ]
    });
    // Only an agency's officer publishes.
    for who in [&ent, &person] {
        let (st, b) = who.post(&s, "/api/scenario-lists", list.clone()).await;
        assert_eq!(st, 403, "{b}");
        assert!(b["error"].as_str().is_some_and(|m| !m.is_empty()), "{b}");
    }
    let (st, b) = anonymous
        .post(&s, "/api/scenario-lists", list.clone())
        .await;
    assert_eq!(st, 401, "{b}");
    // Malformed: a period out of bounds, no scenarios, a wrong field type.
    let mut bad = list.clone();
    bad["working_days"] = json!(1);
    let (st, b) = agency.post(&s, "/api/scenario-lists", bad).await;
    assert_eq!(
        (st, b["field"].as_str()),
        (422, Some("working_days")),
        "{b}"
    );
    let mut bad = list.clone();
    bad["scenarios"] = json!([]);
    let (st, b) = agency.post(&s, "/api/scenario-lists", bad).await;
    assert_eq!((st, b["field"].as_str()), (422, Some("scenarios")), "{b}");
    let (st, b) = agency
        .post(&s, "/api/scenario-lists", json!({"title": 5}))
        .await;
    assert_eq!(st, 422, "{b}");

    let (st, l) = agency.post(&s, "/api/scenario-lists", list.clone()).await;
    assert_eq!(st, 201, "{l}");
    assert_eq!(l["agency"], "sci-tech");
    assert_eq!(l["opened_on"], today().as_str());
    assert_eq!(l["closes_on"], working_days_after(&today(), 10).as_str());
    assert_eq!(l["open"], true);
    let list_id = l["id"].as_str().expect("id").to_string();
    let cameras = l["scenarios"][0]["id"].as_str().expect("id").to_string();
    assert_eq!(
        l["scenarios"][0]["capabilities"],
        json!(["5g", "computer-vision"])
    );

    // Matching, public: the transport enterprise with 5G sees the cameras, and why.
    let (st, sg) = anonymous
        .get(
            &s,
            "/api/scenarios/suggestions?industry=transport&capabilities=5g,robotics",
        )
        .await;
    assert_eq!(st, 200, "{sg}");
    let sg = sg["suggestions"].as_array().expect("list").clone();
    assert_eq!(sg.len(), 1, "{sg:?}");
    assert_eq!(sg[0]["scenario"]["title"], "Crossing cameras");
    assert_eq!(sg[0]["match"]["score"], 3);
    assert!(
        sg[0]["match"]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("same industry") && r.contains("5g")),
        "{sg:?}"
    );
    let (st, b) = anonymous
        .get(&s, "/api/scenarios/suggestions?industry=transport")
        .await;
    assert_eq!(st, 422, "{b}");

    // An enterprise submits through the portal; a person and an officer may not.
    let (st, to) = form(
        &s,
        &ent,
        &format!("/scenarios/{list_id}"),
        &[
            ("action", "submit"),
            ("scenario", &cameras),
            ("text", "Edge cameras with on-device models"),
            ("industry", "transport"),
            ("capabilities", "computer-vision, 5g"),
        ],
    )
    .await;
    assert_eq!(
        (st, to.as_str()),
        (303, format!("/scenarios/{list_id}?done=1").as_str())
    );
    let (st, html) = page(&s, Some(&ent), &format!("/scenarios/{list_id}?lang=en")).await;
    assert_eq!(st, 200);
    assert!(plain(&html).contains("You have submitted a solution to this scenario."));
    let solution = json!({"text": "Our cameras", "industry": "retail", "capabilities": ["5g"]});
    for who in [&person, &agency] {
        let (st, b) = who
            .post(
                &s,
                &format!("/api/scenarios/{cameras}/solutions"),
                solution.clone(),
            )
            .await;
        assert_eq!(st, 403, "{b}");
    }
    let (st, b) = ent
        .post(
            &s,
            &format!("/api/scenarios/{cameras}/solutions"),
            solution.clone(),
        )
        .await;
    assert_eq!(st, 409, "a second solution from the same enterprise: {b}");
    let (st, mine) = rival
        .post(
            &s,
            &format!("/api/scenarios/{cameras}/solutions"),
            solution.clone(),
        )
        .await;
    assert_eq!(st, 201, "{mine}");
    assert_eq!(mine["match"]["score"], 1);
    let rival_solution = mine["id"].as_str().expect("id").to_string();

    // The agency reads them best first; nobody else does.
    let (st, sols) = agency
        .get(&s, &format!("/api/scenario-lists/{list_id}/solutions"))
        .await;
    assert_eq!(st, 200, "{sols}");
    let sols = sols["solutions"].as_array().expect("list").clone();
    assert_eq!(sols.len(), 2);
    assert_eq!(sols[0]["enterprise_name"], "vision-co Ltd");
    let winner = sols[0]["id"].as_str().expect("id").to_string();
    for who in [&ent, &other_agency] {
        let (st, b) = who
            .get(&s, &format!("/api/scenario-lists/{list_id}/solutions"))
            .await;
        assert_eq!(st, 403, "{b}");
    }
    let (st, b) = ent
        .get(&s, &format!("/api/solutions/{rival_solution}"))
        .await;
    assert_eq!(st, 403, "{b}");
    let (st, b) = other_agency
        .post(&s, &format!("/api/solutions/{winner}/select"), json!({}))
        .await;
    assert_eq!(st, 403, "{b}");
    let (st, b) = ent
        .post(&s, &format!("/api/solutions/{winner}/select"), json!({}))
        .await;
    assert_eq!(st, 403, "{b}");
    // The other agency's officer gets 403 on the portal form as well.
    let (st, _) = form(
        &s,
        &other_agency,
        &format!("/scenarios/{list_id}"),
        &[("action", "results")],
    )
    .await;
    assert_eq!(st, 403);

    // The agency selects through the portal and publishes the results.
    let (st, html) = page(&s, Some(&agency), &format!("/scenarios/{list_id}?lang=en")).await;
    assert_eq!(st, 200);
    assert!(
        plain(&html).contains("Solutions received (2)"),
        "{}",
        plain(&html)
    );
    let (st, _) = form(
        &s,
        &agency,
        &format!("/scenarios/{list_id}"),
        &[("action", "select"), ("solution", &winner)],
    )
    .await;
    assert_eq!(st, 303);
    let (st, b) = anonymous
        .get(&s, &format!("/api/scenario-lists/{list_id}"))
        .await;
    assert_eq!(st, 200);
    assert_eq!(
        b["results"],
        json!([]),
        "no results before they are published"
    );
    let (st, b) = agency
        .post(
            &s,
            &format!("/api/scenario-lists/{list_id}/results"),
            json!({}),
        )
        .await;
    assert_eq!(st, 200, "{b}");
    assert_eq!(b["list"]["open"], false);
    let (st, b) = anonymous
        .get(&s, &format!("/api/scenario-lists/{list_id}"))
        .await;
    assert_eq!(st, 200);
    assert_eq!(
        b["results"],
        json!([{"scenario_id": cameras, "scenario_title": "Crossing cameras", "enterprise_name": "vision-co Ltd"}])
    );
    let (st, html) = page(&s, None, &format!("/scenarios/{list_id}?lang=en")).await;
    assert_eq!(st, 200);
    let text = plain(&html);
    assert!(
        text.contains("results published") && text.contains("vision-co Ltd"),
        "{text}"
    );
    assert!(
        !text.contains("rival-co Ltd"),
        "only the selected enterprise is public"
    );
    // Closed now: no more solutions, no second publication, no more selection.
    let (st, b) = rival
        .post(
            &s,
            &format!(
                "/api/scenarios/{}/solutions",
                l["scenarios"][1]["id"].as_str().expect("id")
            ),
            json!({"text": "Ledger", "industry": "health", "capabilities": ["blockchain"]}),
        )
        .await;
    assert_eq!(st, 409, "{b}");
    let (st, _) = agency
        .post(
            &s,
            &format!("/api/scenario-lists/{list_id}/results"),
            json!({}),
        )
        .await;
    assert_eq!(st, 409);
    let (st, _) = agency
        .post(
            &s,
            &format!("/api/solutions/{rival_solution}/select"),
            json!({}),
        )
        .await;
    assert_eq!(st, 409);
    let (st, b) = anonymous.get(&s, "/api/scenario-lists/no-such-list").await;
    assert_eq!(st, 404, "{b}");

    // The pages in Arabic are right to left, with the new strings translated.
    let (st, html) = page(&s, None, "/scenarios?lang=ar").await;
    assert_eq!(st, 200);
    assert!(html.contains("dir=\"rtl\"") && html.contains("سيناريوهات التطبيق"));
}

#[tokio::test]
async fn instruments_are_booked_by_working_day_once_and_their_usage_is_reported() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("officer-commission", "sci-tech");
    let officer = Client::login(&s, "officer-commission").await;
    let unit = Client::register(&s, "huairou-lab", "enterprise").await;
    let booker = Client::register(&s, "bio-co", "enterprise").await;
    let person = Client::register(&s, "a-researcher", "person").await;
    let anonymous = Client::anonymous();

    // Only a unit (an enterprise account) lists; the fee is typed in yuan on the
    // portal and stored exactly in fen.
    let (st, _) = form(
        &s,
        &person,
        "/instruments",
        &[
            ("name", "x"),
            ("category", "x"),
            ("location", "x"),
            ("rules", "x"),
            ("fee", "1"),
        ],
    )
    .await;
    assert_eq!(st, 403);
    let (st, html) = form(
        &s,
        &unit,
        "/instruments",
        &[
            ("name", "Cryo-EM"),
            ("category", "imaging"),
            ("location", "Huairou"),
            ("rules", "x"),
            ("fee", "12.345"),
        ],
    )
    .await;
    assert_eq!(st, 422, "a fee with three decimals");
    assert!(plain(&html).contains("at most two decimals"));
    let (st, to) = form(
        &s,
        &unit,
        "/instruments",
        &[
            ("name", "Cryo-electron microscope"),
            ("category", "imaging"),
            ("location", "Huairou Science City"),
            ("rules", "Trained operators only"),
            ("fee", "1,500.50"),
        ],
    )
    .await;
    assert_eq!(st, 303, "{to}");
    let id = to.trim_start_matches("/instruments/").to_string();
    let (st, i) = anonymous.get(&s, &format!("/api/instruments/{id}")).await;
    assert_eq!(st, 200, "{i}");
    assert_eq!(i["instrument"]["fee_fen_per_day"], 150_050);
    let unit_id = i["instrument"]["unit"].as_str().expect("unit").to_string();
    let (st, b) = officer
        .post(&s, "/api/instruments", json!({"name": "x", "category": "x", "location": "x", "rules": "x", "fee_fen_per_day": 1}))
        .await;
    assert_eq!(st, 403, "{b}");
    let (st, b) = unit
        .post(&s, "/api/instruments", json!({"name": "x", "category": "x", "location": "x", "rules": "x", "fee_fen_per_day": 1.5}))
        .await;
    assert_eq!(st, 422, "a fee that is not whole fen: {b}");

    // Days: today if it is a working day (usage is reported from the last day on),
    // and the next working days.
    let cal = onestop_calendar::Calendar::shipped();
    let first = if cal.is_working_day(day(&today())).unwrap_or(false) {
        today()
    } else {
        working_days_after(&today(), 1)
    };
    let second = working_days_after(&first, 1);
    let bookings = format!("/api/instruments/{id}/bookings");

    // The unit does not book its own, nor does an officer; anonymous is 401.
    for who in [&unit, &officer] {
        let (st, b) = who
            .post(&s, &bookings, json!({"days": [second], "purpose": "x"}))
            .await;
        assert_eq!(st, 403, "{b}");
    }
    let (st, _) = anonymous
        .post(&s, &bookings, json!({"days": [second], "purpose": "x"}))
        .await;
    assert_eq!(st, 401);
    // Malformed days: not a date, a weekend or holiday, the past.
    let saturday = {
        let mut d = day(&first);
        while cal.is_working_day(d).unwrap_or(true) {
            d = d.succ_opt().expect("day");
        }
        d.to_string()
    };
    for (days, words) in [
        (json!(["next tuesday"]), "not a date"),
        (json!([saturday]), "not a working day"),
        (json!(["2020-01-06"]), "past"),
        (json!([]), "1 to 20"),
    ] {
        let (st, b) = booker
            .post(&s, &bookings, json!({"days": days, "purpose": "samples"}))
            .await;
        assert_eq!(st, 422, "{days}: {b}");
        assert!(
            b["error"].as_str().is_some_and(|m| m.contains(words)),
            "{b}"
        );
    }

    // Booked through the portal: the first day.
    let (st, to) = form(
        &s,
        &booker,
        &format!("/instruments/{id}"),
        &[
            ("action", "book"),
            ("days", &first),
            ("purpose", "Protein structures"),
        ],
    )
    .await;
    assert_eq!(st, 303, "{to}");
    let (st, b) = booker
        .post(
            &s,
            &bookings,
            json!({"days": [first, second], "purpose": "more"}),
        )
        .await;
    assert_eq!(st, 409, "{b}");
    assert!(
        b["error"]
            .as_str()
            .is_some_and(|m| m.contains(&first) && m.contains("already booked")),
        "{b}"
    );
    let (st, html) = form(
        &s,
        &person,
        &format!("/instruments/{id}"),
        &[("action", "book"), ("days", &first), ("purpose", "x")],
    )
    .await;
    assert_eq!(st, 409);
    assert!(plain(&html).contains("already booked"));

    // Concurrent bookings of the second day: exactly one wins.
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let (c, url, d) = (person.clone(), s.url(&bookings), second.clone());
        tasks.push(tokio::spawn(async move {
            Client::send(
                c.auth(
                    c.http
                        .post(url)
                        .json(&json!({"days": [d], "purpose": "race"})),
                ),
            )
            .await
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let (st, b) = t.await.expect("task");
        assert!(st == 201 || st == 409, "{st} {b}");
        statuses.push(st);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    let (_, i) = anonymous.get(&s, &format!("/api/instruments/{id}")).await;
    assert_eq!(i["held_days"], json!([first, second]));

    // The unit sees the bookings and decides; nobody else does.
    let (st, list) = unit.get(&s, &bookings).await;
    assert_eq!(st, 200, "{list}");
    let list = list["bookings"].as_array().expect("list").clone();
    assert_eq!(list.len(), 2);
    let mine = list
        .iter()
        .find(|b| b["booker_name"] == "bio-co Ltd")
        .expect("the booking");
    assert_eq!(mine["fee_fen"], 150_050);
    assert_eq!(mine["status"], "requested");
    let booking = mine["id"].as_str().expect("id").to_string();
    let raced = list
        .iter()
        .find(|b| b["booker_name"] == "a-researcher Ltd")
        .and_then(|b| b["id"].as_str())
        .expect("the race's winner")
        .to_string();
    for who in [&booker, &person, &officer] {
        let (st, b) = who.get(&s, &bookings).await;
        assert_eq!(st, 403, "{b}");
        let (st, b) = who
            .post(
                &s,
                &format!("/api/bookings/{booking}/decision"),
                json!({"confirm": true}),
            )
            .await;
        assert_eq!(st, 403, "{b}");
    }
    let (st, b) = person.get(&s, &format!("/api/bookings/{booking}")).await;
    assert_eq!(st, 403, "{b}");
    let (st, b) = booker.get(&s, &format!("/api/bookings/{booking}")).await;
    assert_eq!((st, b["id"].as_str()), (200, Some(booking.as_str())));
    let (st, b) = unit
        .post(
            &s,
            &format!("/api/bookings/{booking}/decision"),
            json!({"confirm": "yes"}),
        )
        .await;
    assert_eq!(st, 422, "{b}");
    // Refusing the race's winner releases its day; confirming through the portal.
    let (st, b) = unit
        .post(
            &s,
            &format!("/api/bookings/{raced}/decision"),
            json!({"confirm": false}),
        )
        .await;
    assert_eq!((st, b["status"].as_str()), (200, Some("refused")), "{b}");
    let (_, i) = anonymous.get(&s, &format!("/api/instruments/{id}")).await;
    assert_eq!(i["held_days"], json!([first]));
    let (st, _) = form(
        &s,
        &unit,
        &format!("/instruments/{id}"),
        &[("action", "confirm"), ("booking", &booking)],
    )
    .await;
    assert_eq!(st, 303);
    let (st, b) = unit
        .post(
            &s,
            &format!("/api/bookings/{booking}/decision"),
            json!({"confirm": false}),
        )
        .await;
    assert_eq!(st, 409, "already decided: {b}");

    // Usage: from the last day on, by the unit only, at most 24 hours a day.
    let usage = format!("/api/bookings/{booking}/usage");
    let (st, b) = booker
        .post(&s, &usage, json!({"hours": 10, "result": "x"}))
        .await;
    assert_eq!(st, 403, "{b}");
    if first == today() {
        let (st, b) = unit
            .post(&s, &usage, json!({"hours": 25, "result": "x"}))
            .await;
        assert_eq!(
            (st, b["field"].as_str()),
            (422, Some("hours")),
            "one day has 24 hours: {b}"
        );
    }
    let (st, b) = unit
        .post(
            &s,
            &usage,
            json!({"hours": 10, "result": "Structures of 3 proteins"}),
        )
        .await;
    let (days_used, hours_used) = if first == today() {
        assert_eq!(st, 200, "{b}");
        assert_eq!(
            (b["status"].as_str(), b["usage_hours"].as_i64()),
            (Some("used"), Some(10))
        );
        (1, 10)
    } else {
        // The slot ends after the business date: too early to report.
        assert_eq!(st, 409, "{b}");
        assert!(
            b["error"].as_str().is_some_and(|m| m.contains("last day")),
            "{b}"
        );
        (0, 0)
    };
    // Reported once (or still too early): a second report is refused either way.
    let (st, b) = unit
        .post(&s, &usage, json!({"hours": 5, "result": "x"}))
        .await;
    assert_eq!(st, 409, "{b}");

    // The public sharing report (JSON and page).
    let (st, r) = anonymous
        .get(&s, &format!("/api/units/{unit_id}/sharing-report"))
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["unit_name"], "huairou-lab Ltd");
    assert_eq!(
        (
            r["bookings"].as_i64(),
            r["days_booked"].as_i64(),
            r["fees_fen"].as_i64()
        ),
        (Some(1), Some(1), Some(150_050))
    );
    assert_eq!(
        (r["days_used"].as_i64(), r["hours_used"].as_i64()),
        (Some(days_used), Some(hours_used))
    );
    let (st, html) = page(&s, None, &format!("/instruments/units/{unit_id}?lang=en")).await;
    assert_eq!(st, 200);
    let text = plain(&html);
    assert!(
        text.contains("Sharing report: huairou-lab Ltd") && text.contains("1500.50"),
        "{text}"
    );
    let (st, b) = anonymous.get(&s, "/api/units/nobody/sharing-report").await;
    assert_eq!(st, 404, "{b}");
}
