//! A scratch database with the shipped access policy, and the parties of the register.
#![allow(dead_code)]

use chrono::NaiveDate;
use onestop_store::accounts::{self, NewAccount};
use onestop_store::{Account, Authz, Db, Role};

/// The agencies officers may belong to in these tests (the shipped services' own).
pub const AGENCIES: &[&str] = &[
    "sci-tech",
    "tianjin-sci-tech",
    "hebei-sci-tech",
    "foreign-experts",
    "ip-office",
];

pub struct World {
    pub db: Db,
    pub authz: Authz,
}

impl World {
    pub async fn new(label: &str) -> World {
        let db = Db::open(&onestop_store::db::scratch_sqlite_url(label))
            .await
            .expect("database opens");
        let authz = Authz::shipped().expect("the shipped policy parses");
        World { db, authz }
    }

    pub fn register(&self) -> onestop_register::Register<'_> {
        onestop_register::Register::new(&self.db, &self.authz)
    }

    pub async fn account(
        &self,
        username: &str,
        role: Role,
        agency: Option<&str>,
        entity: Option<&str>,
    ) -> Account {
        accounts::create(
            &self.db,
            &NewAccount {
                username,
                password: "long enough",
                role,
                agency,
                entity,
                display_name: username,
            },
            AGENCIES,
        )
        .await
        .expect("account")
    }

    pub async fn enterprise(&self, username: &str) -> Account {
        self.account(username, Role::Applicant, None, Some("enterprise"))
            .await
    }

    pub async fn officer(&self, username: &str, agency: &str) -> Account {
        self.account(username, Role::Officer, Some(agency), None)
            .await
    }

    /// A lender: the pledgee of IP pledges.
    pub async fn bank(&self, username: &str) -> Account {
        self.account(username, Role::FinancialInstitution, None, None)
            .await
    }

    pub async fn admin(&self, username: &str) -> Account {
        self.account(username, Role::Admin, None, None).await
    }
}

impl World {
    /// A service provider's account in a region.
    pub async fn provider(&self, username: &str, region: &str) -> Account {
        onestop_register::voucher_redemptions::create_provider(
            &self.db,
            username,
            "long enough",
            username,
            region,
        )
        .await
        .expect("provider")
        .0
    }
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}
