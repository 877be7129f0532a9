//! The case state machine: the states a case passes through and the actions that move it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    Submitted,
    Accepted,
    InReview,
    MoreInfoNeeded,
    Approved,
    Rejected,
    Withdrawn,
    /// Approved upon filing or on commitment, then revoked by the ex-post check.
    Revoked,
}

/// What someone does to a case; each maps to one permitted state change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseAction {
    /// Officer: formally accept; starts the statutory clock.
    Accept,
    /// Officer: begin substantive review.
    Review,
    /// Officer: ask the applicant for more information or missing material; after
    /// acceptance it stops the statutory clock until the answer.
    RequestInfo,
    /// Applicant: answer a request for information.
    Respond,
    Approve,
    Reject,
    /// Applicant: withdraw before a decision.
    Withdraw,
}

impl CaseAction {
    pub fn parse(s: &str) -> Option<CaseAction> {
        Some(match s {
            "accept" => CaseAction::Accept,
            "review" => CaseAction::Review,
            "request_info" => CaseAction::RequestInfo,
            "respond" => CaseAction::Respond,
            "approve" => CaseAction::Approve,
            "reject" => CaseAction::Reject,
            "withdraw" => CaseAction::Withdraw,
            _ => return None,
        })
    }

    /// The cedar action that authorises it.
    pub fn permission(self) -> &'static str {
        match self {
            CaseAction::Accept | CaseAction::Review => "accept_case",
            CaseAction::RequestInfo => "request_info",
            CaseAction::Respond => "respond_case",
            CaseAction::Approve | CaseAction::Reject => "decide_case",
            CaseAction::Withdraw => "withdraw_case",
        }
    }
}

impl CaseState {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Submitted => "submitted",
            CaseState::Accepted => "accepted",
            CaseState::InReview => "in_review",
            CaseState::MoreInfoNeeded => "more_info_needed",
            CaseState::Approved => "approved",
            CaseState::Rejected => "rejected",
            CaseState::Withdrawn => "withdrawn",
            CaseState::Revoked => "revoked",
        }
    }

    pub fn parse(s: &str) -> Option<CaseState> {
        Some(match s {
            "submitted" => CaseState::Submitted,
            "accepted" => CaseState::Accepted,
            "in_review" => CaseState::InReview,
            "more_info_needed" => CaseState::MoreInfoNeeded,
            "approved" => CaseState::Approved,
            "rejected" => CaseState::Rejected,
            "withdrawn" => CaseState::Withdrawn,
            "revoked" => CaseState::Revoked,
            _ => return None,
        })
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            CaseState::Approved | CaseState::Rejected | CaseState::Withdrawn | CaseState::Revoked
        )
    }

    /// The state an action leads to, or why it is not allowed from here.
    pub fn apply(self, action: CaseAction) -> Result<CaseState, String> {
        use CaseAction as A;
        use CaseState as S;
        let next = match (self, action) {
            (S::Submitted, A::Accept) => S::Accepted,
            (S::Accepted, A::Review) => S::InReview,
            // Before acceptance the request is for missing material (the clock has not
            // started); the answer goes back to the acceptance desk (see `act`).
            (S::Submitted | S::Accepted | S::InReview, A::RequestInfo) => S::MoreInfoNeeded,
            (S::MoreInfoNeeded, A::Respond) => S::InReview,
            (S::Accepted | S::InReview, A::Approve | A::Reject) => {
                if action == A::Approve {
                    S::Approved
                } else {
                    S::Rejected
                }
            }
            (s, A::Withdraw) if !s.is_final() => S::Withdrawn,
            (s, _) if s.is_final() => {
                return Err(format!(
                    "the case is already {}; it cannot change again",
                    s.as_str()
                ));
            }
            (s, a) => {
                return Err(format!(
                    "a case that is {} cannot be {}",
                    s.as_str(),
                    match a {
                        A::Accept => "accepted",
                        A::Review => "put in review",
                        A::RequestInfo => "sent a request for information",
                        A::Respond => "answered (no information was requested)",
                        A::Approve => "approved",
                        A::Reject => "rejected",
                        A::Withdraw => "withdrawn",
                    }
                ));
            }
        };
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decided_case_cannot_be_decided_again() {
        let s = CaseState::Accepted
            .apply(CaseAction::Approve)
            .expect("approve");
        assert_eq!(s, CaseState::Approved);
        let err = s.apply(CaseAction::Reject).expect_err("twice");
        assert!(err.contains("already approved"), "{err}");
        assert!(CaseState::Withdrawn.apply(CaseAction::Withdraw).is_err());
    }

    #[test]
    fn the_happy_path_and_the_information_loop() {
        let mut s = CaseState::Submitted;
        for a in [
            CaseAction::Accept,
            CaseAction::Review,
            CaseAction::RequestInfo,
            CaseAction::Respond,
            CaseAction::Approve,
        ] {
            s = s.apply(a).expect("allowed");
        }
        assert_eq!(s, CaseState::Approved);
        assert!(CaseState::Submitted.apply(CaseAction::Approve).is_err());
        assert_eq!(
            CaseState::Submitted.apply(CaseAction::RequestInfo),
            Ok(CaseState::MoreInfoNeeded),
            "missing material is asked for before acceptance"
        );
        assert!(CaseState::InReview.apply(CaseAction::Respond).is_err());
    }
}
