//! The register: what the agencies of Beijing, Tianjin and Hebei record for anyone to
//! check (003 §17, §19, §20; 001 §28). A Certificate-Transparency-style log kept in
//! the service's own database (`log`), and the records written into it: e-licences
//! (`licences`), innovation vouchers (`vouchers`; the enterprise's application and the
//! agency's decision, `voucher_applications`; redemptions asked of a provider and
//! confirmed by it, `voucher_redemptions`; what each agency owes each provider,
//! `voucher_settlement`), IP pledges (`pledges`, and what the
//! public sees of a right in `pledge_status`), with money
//! as exact fen (`money`). `verify` recomputes the log, then checks each kind of
//! record against what the log says about it; `audit` is a witness's check that a
//! newer signed head extends an older one.
//!
//! Built on `onestop-store` (database, accounts, the cedar access policy: every
//! permission here is a policy in `policies/access.cedar`) and the pure `onestop-ledger`
//! library. It knows nothing of cases (the case service calls `licences::issue` inside
//! its approval transaction with a plain [`licences::LicenceRequest`]) nor of HTTP.

pub mod audit;
pub mod licences;
pub mod log;
pub mod money;
pub mod pledge_status;
pub mod pledges;
pub mod verify;
pub mod voucher_applications;
pub mod voucher_redemptions;
pub mod voucher_settlement;
pub mod vouchers;
pub mod witness;

use onestop_store::{Account, Authz, Db, Resource, Result, ServiceError};

/// The register as a request sees it: the database and the access policy.
#[derive(Clone, Copy)]
pub struct Register<'a> {
    pub db: &'a Db,
    pub authz: &'a Authz,
}

impl<'a> Register<'a> {
    pub fn new(db: &'a Db, authz: &'a Authz) -> Register<'a> {
        Register { db, authz }
    }

    /// `Ok` when the access policy lets `who` do `action` on `resource`, else
    /// `Forbidden` with `refusal` as the message.
    pub(crate) fn require(
        &self,
        who: &Account,
        action: &str,
        resource: &Resource,
        refusal: impl FnOnce() -> String,
    ) -> Result<()> {
        if self.authz.allowed(who, action, resource) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(refusal()))
        }
    }
}
