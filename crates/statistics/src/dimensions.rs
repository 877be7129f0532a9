//! What a figure is broken down by: Beijing's districts, the Zhongguancun sub-parks and
//! the industries (the enumerations of `rules/enums.policy`, read from the checked
//! rules so there is one list), and the "Three Cities and One Area"
//! (`config/statistics.toml`, 001 §3). Codes are the enumerations' value names; a table
//! may also name a member by its title in any of the six languages.

use onestop_lang::Program;
use onestop_lang::ast::Texts;
use onestop_lang::diag::did_you_mean;
use serde::Deserialize;

/// A breakdown a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    District,
    Park,
    Industry,
    /// The "Three Cities and One Area".
    Area,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::District,
        Dimension::Park,
        Dimension::Industry,
        Dimension::Area,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::District => "district",
            Dimension::Park => "park",
            Dimension::Industry => "industry",
            Dimension::Area => "area",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// One district, park, industry or area.
#[derive(Debug, Clone)]
pub struct Member {
    pub code: String,
    pub title: Texts,
}

/// Every member of every dimension, in the order the sources list them.
#[derive(Debug, Clone)]
pub struct Dimensions {
    lists: Vec<(Dimension, Vec<Member>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AreasFile {
    area: Vec<AreaEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaEntry {
    code: String,
    districts: Vec<String>,
    title: std::collections::BTreeMap<String, String>,
}

/// The shipped `config/statistics.toml`.
pub const SHIPPED_AREAS: &str = include_str!("../../../config/statistics.toml");

/// The enumeration of `rules/enums.policy` each dimension reads, and the values that
/// are no member (a firm outside every park is not a park).
const ENUMS: [(Dimension, &str, &[&str]); 3] = [
    (Dimension::District, "district", &[]),
    (Dimension::Park, "zgc_park", &["no_park"]),
    (Dimension::Industry, "industry", &[]),
];

impl Dimensions {
    /// The districts, parks and industries of the checked rules, and the areas of
    /// `areas_toml` (the shipped [`SHIPPED_AREAS`] unless the operator has one).
    pub fn new(program: &Program, areas_toml: &str) -> Result<Dimensions, String> {
        let mut lists = Vec::new();
        for (dim, name, skip) in ENUMS {
            let e = program
                .enums
                .iter()
                .find(|e| e.name == name)
                .ok_or_else(|| {
                    format!(
                        "the rules have no enumeration `{name}` ({} of statistics)",
                        dim.as_str()
                    )
                })?;
            let members: Vec<Member> = e
                .values
                .iter()
                .filter(|(code, _)| !skip.contains(&code.as_str()))
                .map(|(code, title)| Member {
                    code: code.clone(),
                    title: title.clone(),
                })
                .collect();
            lists.push((dim, members));
        }
        let file: AreasFile =
            toml::from_str(areas_toml).map_err(|e| format!("config/statistics.toml: {e}"))?;
        let districts: Vec<&str> = lists[0].1.iter().map(|m| m.code.as_str()).collect();
        let mut areas = Vec::new();
        for a in file.area {
            for d in &a.districts {
                if !districts.contains(&d.as_str()) {
                    return Err(format!(
                        "config/statistics.toml: area `{}` names district `{d}`, which the district enumeration does not have",
                        a.code
                    ));
                }
            }
            if !a.title.contains_key("en") || !a.title.contains_key("zh") {
                return Err(format!(
                    "config/statistics.toml: area `{}` needs a title in en and zh at least",
                    a.code
                ));
            }
            areas.push(Member {
                code: a.code,
                title: Texts {
                    entries: a.title.into_iter().collect(),
                },
            });
        }
        lists.push((Dimension::Area, areas));
        Ok(Dimensions { lists })
    }

    /// With the shipped areas.
    pub fn shipped(program: &Program) -> Result<Dimensions, String> {
        Dimensions::new(program, SHIPPED_AREAS)
    }

    pub fn members(&self, d: Dimension) -> &[Member] {
        self.lists
            .iter()
            .find(|(x, _)| *x == d)
            .map(|(_, m)| m.as_slice())
            .unwrap_or(&[])
    }

    /// A member's title in `lang` (its code when unknown).
    pub fn title(&self, d: Dimension, code: &str, lang: &str) -> String {
        self.members(d)
            .iter()
            .find(|m| m.code == code)
            .map(|m| m.title.best(lang).to_string())
            .unwrap_or_else(|| code.to_string())
    }

    /// The code a table's cell names: a code, or a title in any language (English
    /// case-insensitively). On failure, the hint: a did-you-mean or the codes.
    pub fn resolve(&self, d: Dimension, cell: &str) -> Result<String, String> {
        let members = self.members(d);
        let lower = cell.to_lowercase();
        if let Some(m) = members.iter().find(|m| {
            m.code == cell
                || m.title
                    .entries
                    .iter()
                    .any(|(_, t)| t == cell || t.to_lowercase() == lower)
        }) {
            return Ok(m.code.clone());
        }
        let guess = did_you_mean(&lower, members.iter().map(|m| m.code.as_str())).or_else(|| {
            members
                .iter()
                .find(|m| {
                    m.title.get("en").is_some_and(|t| {
                        did_you_mean(&lower, [t.to_lowercase().as_str()]).is_some()
                    })
                })
                .map(|m| m.code.clone())
        });
        Err(match guess {
            Some(g) => format!("did you mean `{g}`?"),
            None => format!(
                "a {} is one of: {}",
                d.as_str(),
                members
                    .iter()
                    .map(|m| m.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }
}
