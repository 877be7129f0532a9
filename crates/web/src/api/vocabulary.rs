//! The rules' vocabulary in the OpenAPI document. Which entities, measures and facts
//! exist (and each fact's type), and which agencies officers belong to, are data:
//! the rules and the services the server loaded. So the request schemas that name
//! them are built from that data when the router is, as strict as the handlers'
//! checks: a request the document allows is one the rules can evaluate.

use onestop_cases::services::Services;
use onestop_lang::{Program, Type as RuleType};
use serde_json::json;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, KnownFormat, ObjectBuilder, OneOfBuilder, Schema,
    SchemaFormat, Type,
};
use utoipa::openapi::{OpenApi, RefOr};

/// Amounts, decimals and rates the API reads: text of this shape, or a whole number
/// (`api::facts` refuses the other forms the engine's reader would take).
pub const MONEY: &str = "^-?[0-9]{1,15}(\\.[0-9]{1,2})?$";
pub const DECIMAL: &str = "^-?[0-9]{1,15}(\\.[0-9]{1,6})?$";
pub const RATE: &str = "^-?[0-9]{1,3}(\\.[0-9]{1,4})?%$";

fn date() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
}

/// Replaces the schemas that name the rules' vocabulary: `EvalRequest` (one variant
/// per entity, with its measures and facts), `ProjectFacts`, `BudgetFacts` (the
/// budget subjects a budget adjustment names), `SubmitBody` (one
/// variant per service, with its entity's facts), `AdminCreate` (officers of a known
/// agency).
pub fn describe(doc: &mut OpenApi, program: &Program, services: &Services) {
    let agencies: Vec<String> = services.agencies.keys().cloned().collect();
    let agencies = agencies.as_slice();
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let mut by_entity = OneOfBuilder::new();
    for e in &program.entities {
        by_entity = by_entity.item(eval_request(program, &e.name));
    }
    components.schemas.insert(
        "EvalRequest".into(),
        RefOr::T(Schema::OneOf(by_entity.build())),
    );
    if program.entities.iter().any(|e| e.name == "project") {
        components
            .schemas
            .insert("ProjectFacts".into(), facts(program, "project").into());
        components.schemas.insert(
            "BudgetFacts".into(),
            facts_where(
                program,
                "project",
                onestop_cases::project_budget::budget_fact,
            )
            .into(),
        );
    }
    if program.entities.iter().any(|e| e.name == "enterprise") {
        components.schemas.insert(
            "EnterpriseFacts".into(),
            facts(program, "enterprise").into(),
        );
    }
    components
        .schemas
        .insert("AdminCreate".into(), admin_create(agencies));
    let mut by_service = OneOfBuilder::new();
    for svc in &services.services {
        by_service = by_service.item(submit_body(program, &svc.id, &svc.entity));
    }
    components.schemas.insert(
        "SubmitBody".into(),
        RefOr::T(Schema::OneOf(by_service.build())),
    );
}

fn submit_body(program: &Program, service: &str, entity: &str) -> Schema {
    ObjectBuilder::new()
        .property("service", one_of([service]))
        .required("service")
        .property(
            "idempotency_key",
            string("\\S")
                .min_length(Some(1))
                .max_length(Some(128))
                .description(Some("The same on every retry of the same application")),
        )
        .required("idempotency_key")
        .property("facts", or_null(facts(program, entity)))
        .property(
            "materials",
            ArrayBuilder::new()
                .items(ObjectBuilder::new().schema_type(Type::String))
                .description(Some(
                    "Hashes of materials uploaded with POST /api/materials",
                )),
        )
        .into()
}

/// `null` or the schema (`null` is what an absent member means).
fn or_null(schema: impl Into<RefOr<Schema>>) -> Schema {
    Schema::OneOf(
        OneOfBuilder::new()
            .item(schema)
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build(),
    )
}

/// Text matching `text`, or a whole number (of 64 bits).
fn text_or_integer(text: &str) -> Schema {
    Schema::OneOf(
        OneOfBuilder::new()
            .item(string(text))
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(i64::MIN))
                    .maximum(Some(i64::MAX)),
            )
            .build(),
    )
}

fn string(pattern: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
}

fn one_of<I: IntoIterator<Item = S>, S: Into<String>>(values: I) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.into_iter().map(|v| json!(v.into()))))
}

fn eval_request(program: &Program, entity: &str) -> Schema {
    let measures = program
        .measures
        .iter()
        .filter(|m| program.entities[m.entity.index()].name == entity)
        .map(|m| m.id.clone());
    ObjectBuilder::new()
        .property("entity", one_of([entity]))
        .required("entity")
        .property("facts", facts(program, entity))
        .required("facts")
        .property(
            "date",
            or_null(date().description(Some("Decision date (default: today in Beijing)"))),
        )
        .property(
            "measures",
            ArrayBuilder::new()
                .items(one_of(measures))
                .description(Some(
                    "Only these measures (default: every measure of the entity)",
                )),
        )
        .property(
            "lang",
            or_null(
                one_of(["en", "zh", "zh-CN", "ko", "ru", "es", "ar"])
                    .description(Some("Language of the explanation")),
            ),
        )
        // Other members (the samples' `about`) are ignored, as the handler does.
        .into()
}

/// An entity's facts by input name, each of its type; absent means unknown.
fn facts(program: &Program, entity: &str) -> Schema {
    facts_where(program, entity, |_| true)
}

/// The facts of an entity whose input names `keep` admits (a budget adjustment names
/// the budget subjects only).
fn facts_where(program: &Program, entity: &str, keep: fn(&str) -> bool) -> Schema {
    let mut o = ObjectBuilder::new()
        .description(Some("Facts by input name; absent means unknown"))
        .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)));
    for input in program
        .inputs
        .iter()
        .filter(|i| program.entities[i.entity.index()].name == entity && keep(&i.name))
    {
        // `null` says "unknown", like an absent fact; so does a blank text for any
        // type but text (docs/facts.md).
        let schema = if input.ty == onestop_lang::Type::Text {
            or_null(value(program, &input.ty))
        } else {
            Schema::OneOf(
                OneOfBuilder::new()
                    .item(value(program, &input.ty))
                    .item(ObjectBuilder::new().schema_type(Type::Null))
                    .item(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .pattern(Some("^\\s*$"))
                            .description(Some("blank: not known")),
                    )
                    .build(),
            )
        };
        o = o.property(&input.name, schema);
    }
    o.into()
}

/// What `onestop_engine::value_from_json` reads for a type (a subset where it reads
/// more: amounts as text with two decimals at most, rates as percentages).
fn value(program: &Program, ty: &RuleType) -> RefOr<Schema> {
    let schema: Schema = match ty {
        RuleType::Bool => ObjectBuilder::new().schema_type(Type::Boolean).into(),
        RuleType::Int => ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(i64::MIN))
            .maximum(Some(i64::MAX))
            .into(),
        RuleType::Decimal => text_or_integer(DECIMAL),
        RuleType::Money => text_or_integer(MONEY),
        RuleType::Rate => text_or_integer(RATE),
        RuleType::Date => date().into(),
        RuleType::Duration => string("^-?[0-9]{1,6} (day|days|month|months|year|years)$").into(),
        RuleType::Text => ObjectBuilder::new().schema_type(Type::String).into(),
        RuleType::Enum(e) => one_of(
            program.enums[e.0 as usize]
                .values
                .iter()
                .map(|(n, _)| n.clone()),
        )
        .into(),
        RuleType::Set(inner) => ArrayBuilder::new().items(value(program, inner)).into(),
    };
    RefOr::T(schema)
}

fn admin_create(agencies: &[String]) -> RefOr<Schema> {
    let account = |role: &str| {
        ObjectBuilder::new()
            .property("username", string("^[A-Za-z0-9._@-]{3,64}$"))
            .required("username")
            .property(
                "password",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .min_length(Some(8)),
            )
            .required("password")
            .property("role", one_of([role]))
            .required("role")
            .property(
                "display_name",
                ObjectBuilder::new().schema_type(Type::String),
            )
    };
    OneOfBuilder::new()
        .item(
            account("officer")
                .property("agency", one_of(agencies.iter().cloned()))
                .required("agency")
                .description(Some("An officer of one of the services' agencies")),
        )
        .item(account("admin").description(Some("An administrator")))
        .into()
}
