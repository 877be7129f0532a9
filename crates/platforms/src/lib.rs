//! The commission's platforms (issue 16 item 4), two of them:
//!
//! - `scenarios`: application-scenario lists (001_0cbca1dd9c1e8cc0.txt §25 "regularly
//!   release a list of application scenario projects"; 000_abb21015abc8a560.txt §13).
//!   An agency publishes a list with a submission period in working days, enterprises
//!   submit solutions, `matching` suggests scenarios to an enterprise by industry and
//!   capability and says why, the agency selects and publishes the results.
//! - `instruments`: instrument sharing (001 §28 "promote the sharing of instruments and
//!   equipment"; 000 §8). A unit lists a large instrument with a fee per working day in
//!   fen, others book sets of working days (the database's primary key refuses a
//!   double booking, also under concurrent requests), the unit confirms, reports the
//!   usage after the slot, and every unit has a public open-sharing report.
//!
//! Every permission is a cedar policy (policies/access.cedar). Depends on the store
//! and the calendar only; never on HTTP, the case service or the engine.

pub mod instruments;
pub mod matching;
pub mod scenarios;
pub mod text;

/// What the unit tests share: a fresh SQLite database with the real migrations and
/// accounts made the way the service makes them.
#[cfg(test)]
pub(crate) mod testing {
    use onestop_store::accounts::{NewAccount, create};
    use onestop_store::{Account, Db, Role};

    pub async fn db(label: &str) -> Db {
        Db::open(&onestop_store::db::scratch_sqlite_url(label))
            .await
            .expect("scratch database")
    }

    /// An account `name` (an enterprise's display name is "`name` Ltd").
    pub async fn account(
        db: &Db,
        name: &str,
        role: Role,
        agency: Option<&str>,
        entity: Option<&str>,
    ) -> Account {
        let display = format!("{name} Ltd");
        create(
            db,
            &NewAccount {
                username: name,
                password: "password-1234",
                role,
                agency,
                entity,
                display_name: &display,
            },
            &["sci-tech", "tax"],
        )
        .await
        .expect("account")
    }
}
