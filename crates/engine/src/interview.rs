//! Which unknown facts to ask next, most decisive first. The JSON API
//! (`POST /api/questions`) and the portal's interview both ask in this order, so the
//! ranking lives here once.
//!
//! A fact counts for a measure's status when the measure is undetermined and waits
//! for it (`MeasureResult::missing`: exactly the facts that could still change the
//! status); it counts for amounts when the measure is eligible and an output waits
//! for it. Facts deciding more statuses come first, then those needed for more
//! amounts, then the rules' own order (input index), so the order is stable.

use crate::eval::{Evaluation, Status};
use onestop_lang::{InputId, MeasureId};
use std::collections::BTreeMap;

/// One fact worth asking and what it would settle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub input: InputId,
    /// Measures whose status waits for this fact.
    pub decides_status_of: usize,
    /// Eligible measures whose amounts wait for it.
    pub needed_for_amounts_of: usize,
    /// Those measures, in evaluation order, each once.
    pub measures: Vec<MeasureId>,
}

/// The unknown facts of an evaluation, most decisive first.
pub fn next_questions(ev: &Evaluation) -> Vec<Question> {
    let mut by_input: BTreeMap<InputId, Question> = BTreeMap::new();
    for r in &ev.measures {
        for &i in &r.missing {
            let q = by_input.entry(i).or_insert_with(|| empty(i));
            q.decides_status_of += 1;
            push_once(&mut q.measures, r.measure);
        }
        if r.status == Status::Eligible {
            for &i in &r.missing_for_outputs {
                let q = by_input.entry(i).or_insert_with(|| empty(i));
                q.needed_for_amounts_of += 1;
                push_once(&mut q.measures, r.measure);
            }
        }
    }
    let mut out: Vec<Question> = by_input.into_values().collect();
    out.sort_by(|a, b| {
        (b.decides_status_of, b.needed_for_amounts_of, a.input).cmp(&(
            a.decides_status_of,
            a.needed_for_amounts_of,
            b.input,
        ))
    });
    out
}

/// How many measures of the evaluation are still undetermined (0: the interview is done).
pub fn undetermined(ev: &Evaluation) -> usize {
    ev.measures
        .iter()
        .filter(|m| m.status == Status::Undetermined)
        .count()
}

fn empty(input: InputId) -> Question {
    Question {
        input,
        decides_status_of: 0,
        needed_for_amounts_of: 0,
        measures: Vec::new(),
    }
}

fn push_once(list: &mut Vec<MeasureId>, m: MeasureId) {
    if !list.contains(&m) {
        list.push(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{MeasureResult, Val};
    use onestop_lang::EntityId;

    fn result(m: u32, status: Status, missing: &[u32], for_outputs: &[u32]) -> MeasureResult {
        MeasureResult {
            measure: MeasureId(m),
            status,
            eligibility: Val::Missing(Vec::new()),
            outputs: Vec::new(),
            missing: missing.iter().map(|&i| InputId(i)).collect(),
            missing_for_outputs: for_outputs.iter().map(|&i| InputId(i)).collect(),
            errors: Vec::new(),
            reads: None,
            eligibility_provisional: Default::default(),
            outputs_provisional: Vec::new(),
            eligibility_doubts: Vec::new(),
            outputs_doubts: Vec::new(),
        }
    }

    #[test]
    fn statuses_first_then_amounts_then_rule_order() {
        let ev = Evaluation {
            entity: EntityId(0),
            date: chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default(),
            measures: vec![
                result(0, Status::Undetermined, &[3, 1], &[]),
                result(1, Status::Undetermined, &[3], &[]),
                result(2, Status::Eligible, &[], &[5, 1]),
                // Amounts of a measure that is not eligible are not worth asking.
                result(3, Status::NotEligible, &[], &[7]),
            ],
            trace: Vec::new(),
        };
        let order: Vec<(u32, usize, usize)> = next_questions(&ev)
            .iter()
            .map(|q| (q.input.0, q.decides_status_of, q.needed_for_amounts_of))
            .collect();
        assert_eq!(order, vec![(3, 2, 0), (1, 1, 1), (5, 0, 1)]);
        let first = &next_questions(&ev)[0];
        assert_eq!(first.measures, vec![MeasureId(0), MeasureId(1)]);
        assert_eq!(undetermined(&ev), 2);
    }
}
