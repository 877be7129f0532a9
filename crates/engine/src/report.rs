//! An evaluation as JSON: per measure `{measure, status, outputs, missing}` and more.

use crate::eval::{Evaluation, Val};
use crate::facts::value_to_json;
use onestop_lang::{OutputRef, Program};
use serde_json::{Map, Value as J, json};

pub fn output_name(program: &Program, o: &OutputRef) -> String {
    match o {
        OutputRef::Def(d) => program.defs[d.index()].name.clone(),
        OutputRef::Input(i) => program.inputs[i.index()].name.clone(),
    }
}

pub fn val_to_json(program: &Program, v: &Val) -> J {
    match v {
        Val::Known(x) => value_to_json(program, x),
        _ => J::Null,
    }
}

pub fn evaluation_to_json(program: &Program, ev: &Evaluation) -> J {
    let measures: Vec<J> = ev
        .measures
        .iter()
        .map(|r| {
            let m = &program.measures[r.measure.index()];
            let mut outputs = Map::new();
            for (o, v) in &r.outputs {
                outputs.insert(output_name(program, o), val_to_json(program, v));
            }
            let names = |ids: &[onestop_lang::InputId]| -> Vec<String> {
                ids.iter()
                    .map(|i| program.inputs[i.index()].name.clone())
                    .collect()
            };
            json!({
                "measure": m.id,
                "title": { "en": m.title.best("en"), "zh": m.title.best("zh") },
                "status": r.status.as_str(),
                "outputs": outputs,
                "missing": names(&r.missing),
                "missing_for_outputs": names(&r.missing_for_outputs),
                "errors": r.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
                "sources": m.cites.iter().map(|c| json!({"source": c.text, "from": c.from, "to": c.to})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "entity": program.entities[ev.entity.index()].name,
        "date": ev.date.to_string(),
        "rules_version": program.version,
        "reform": program.reform.as_ref().map(|r| r.id.clone()),
        "measures": measures,
    })
}
