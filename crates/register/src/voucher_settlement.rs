//! The voucher settlement (001 §28): which agency owes which provider how much, by
//! month. A confirmed redemption is owed by the agency of the voucher's region (the
//! region that issued it) to the provider that confirmed it, wherever that provider
//! works: the rows where the two regions differ are the mutual recognition at work.
//! Each line is shown to its agency, its provider and administrators (cedar
//! `view_settlement`); the CSV export is the same lines.

use crate::Register;
use crate::money::yuan;
use crate::vouchers::region;
use onestop_store::{Account, Resource, Result, ServiceError};
use serde::Serialize;
use sqlx::Row;

/// One line: a month, the paying agency (and its region), one provider, the count and
/// the total of the redemptions it confirmed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SettlementLine {
    /// YYYY-MM of the confirmation.
    pub month: String,
    pub agency: String,
    /// The voucher's region (the agency's).
    pub region: String,
    pub provider_id: String,
    pub provider: String,
    pub provider_username: String,
    pub provider_region: String,
    pub redemptions: i64,
    /// Yuan, two decimals.
    pub amount: String,
}

/// Checks a month written YYYY-MM.
pub fn parse_month(text: &str) -> Result<String> {
    let t = text.trim();
    let ok = t.len() == 7
        && chrono::NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d").is_ok()
        && t.as_bytes()[4] == b'-';
    if ok {
        Ok(t.to_string())
    } else {
        Err(ServiceError::invalid(
            "month",
            format!("`{text}` is not a month; write YYYY-MM"),
        ))
    }
}

/// The settlement lines the reader may see, for one month (or all months), and one
/// agency (or all); ordered by month, agency, provider. Refused (403) to parties who
/// see no settlement at all.
pub async fn lines(
    reg: &Register<'_>,
    who: &Account,
    month: Option<&str>,
    agency: Option<&str>,
) -> Result<Vec<SettlementLine>> {
    // Does the policy give the reader any line at all (its own agency's, or its own)?
    reg.require(
        who,
        "view_settlement",
        &Resource::Settlement {
            agency: who.agency.as_deref().unwrap_or(""),
            provider: &who.id,
        },
        || "the settlement is for the issuing agencies and the service providers".into(),
    )?;
    let month = month
        .filter(|m| !m.trim().is_empty())
        .map(parse_month)
        .transpose()?;
    let agency = agency.map(str::trim).filter(|a| !a.is_empty());
    let rows = sqlx::query("SELECT v.region, r.provider_id, a.display_name, a.username, r.provider_region, substr(r.redeemed_on, 1, 7) AS month, COUNT(*) AS n, CAST(SUM(r.amount_fen) AS BIGINT) AS total FROM voucher_redemptions r JOIN vouchers v ON v.id = r.voucher_id JOIN accounts a ON a.id = r.provider_id WHERE r.provider_id IS NOT NULL AND ($1 = '' OR substr(r.redeemed_on, 1, 7) = $1) GROUP BY v.region, r.provider_id, a.display_name, a.username, r.provider_region, substr(r.redeemed_on, 1, 7) ORDER BY month, v.region, a.display_name")
        .bind(month.clone().unwrap_or_default())
        .fetch_all(&reg.db.pool)
        .await?;
    let mut out = Vec::new();
    for r in &rows {
        let voucher_region: String = r.try_get("region")?;
        let line = SettlementLine {
            month: r.try_get("month")?,
            agency: region(&voucher_region).map_or("", |g| g.1).to_string(),
            region: voucher_region,
            provider_id: r.try_get("provider_id")?,
            provider: r.try_get("display_name")?,
            provider_username: r.try_get("username")?,
            provider_region: r.try_get("provider_region")?,
            redemptions: r.try_get("n")?,
            amount: yuan(r.try_get("total")?),
        };
        if agency.is_some_and(|a| a != line.agency) {
            continue;
        }
        if reg.authz.allowed(
            who,
            "view_settlement",
            &Resource::Settlement {
                agency: &line.agency,
                provider: &line.provider_id,
            },
        ) {
            out.push(line);
        }
    }
    Ok(out)
}

/// The lines as CSV (RFC 4180, a header row, amounts in yuan). A text cell that a
/// spreadsheet would read as a formula is prefixed with `'`.
pub fn csv(lines: &[SettlementLine]) -> String {
    let mut out = String::from(
        "month,agency,region,provider,provider_username,provider_region,redemptions,amount_yuan\r\n",
    );
    for l in lines {
        let cells = [
            cell(&l.month),
            cell(&l.agency),
            cell(&l.region),
            cell(&l.provider),
            cell(&l.provider_username),
            cell(&l.provider_region),
            l.redemptions.to_string(),
            l.amount.clone(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_checked() {
        assert_eq!(parse_month("2026-06").ok().as_deref(), Some("2026-06"));
        for bad in ["2026-13", "2026-6", "June", "2026/06", "2026-06-01"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn csv_quotes_and_defuses_cells() {
        let line = SettlementLine {
            month: "2026-06".into(),
            agency: "tianjin-sci-tech".into(),
            region: "tianjin".into(),
            provider_id: "p".into(),
            provider: "=HYPERLINK(\"x\"), Lab".into(),
            provider_username: "lab".into(),
            provider_region: "hebei".into(),
            redemptions: 2,
            amount: "1200.50".into(),
        };
        let text = csv(&[line]);
        let mut rows = text.split("\r\n");
        assert_eq!(
            rows.next(),
            Some(
                "month,agency,region,provider,provider_username,provider_region,redemptions,amount_yuan"
            )
        );
        assert_eq!(
            rows.next(),
            Some(
                "2026-06,tianjin-sci-tech,tianjin,\"'=HYPERLINK(\"\"x\"\"), Lab\",lab,hebei,2,1200.50"
            )
        );
    }
}
