//! Consultation (issue 16 item 2; 000 §15(2) consultancy for Chinese and foreign
//! professionals, 002 interactive consultation, 001 §5 soliciting enterprises'
//! opinions). An applicant asks a question about a measure in one of the six
//! languages; it goes to an agency of the measure's responsible organisations
//! (`routing`: the catalogue's `responsible` through `tracker.toml`) with a due date
//! in working days (`config`); that agency's officer answers with citations of the
//! seed documents (`citations`), and may publish the answer in the measure's FAQ
//! (`faq`, searchable). Agencies publish draft measures and enterprises give opinions
//! (`drafts`). Every permission is a cedar policy.
//!
//! Depends on the catalogue, the store, the tracker's configuration, the calendar and
//! the rule language's citation reader; never on HTTP, the case service or the engine.

pub mod citations;
pub mod config;
pub mod drafts;
pub mod faq;
pub mod questions;
pub mod routing;
pub mod text;

pub use drafts::{Draft, NewDraft, Opinion};
pub use faq::FaqEntry;
pub use questions::{NewQuestion, Question};
