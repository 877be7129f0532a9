//! The operator's notification settings (`DATA/notify.toml`, overridden by
//! `ONESTOP_SMTP_*` variables): the SMTP server, the sender, the portal's public
//! address for links, how often `serve` looks for changed profiles and how many
//! days ahead a deadline is announced. Without an SMTP host no e-mail is sent
//! (notifications still reach the portal and the feeds), and `serve` says so.

use serde::Deserialize;
use std::path::Path;

/// The file's name in the data directory.
pub const DATA_FILE: &str = "notify.toml";

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain text: a relay on the same machine or network only.
    #[default]
    None,
    /// STARTTLS on the submission port (587).
    Starttls,
    /// TLS from the first byte (465).
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host: String,
    #[serde(default = "default_port")]
    pub port: u16,
    /// The sender, e.g. `onestop <noreply@onestop.example>`.
    pub from: String,
    #[serde(default)]
    pub security: Security,
    #[serde(default)]
    pub username: Option<String>,
    /// The name of the environment variable holding the password (never the
    /// password itself in the file).
    #[serde(default)]
    pub password_env: Option<String>,
}

fn default_port() -> u16 {
    25
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// None: no e-mail.
    #[serde(default)]
    pub smtp: Option<Smtp>,
    /// The portal's address as readers reach it, for links in e-mails and feeds.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Days before a due date that it is announced.
    #[serde(default = "default_deadline_days")]
    pub deadline_days: i64,
    /// How often `serve` looks for changed profiles (seconds).
    #[serde(default = "default_interval")]
    pub interval_seconds: u64,
}

fn default_base_url() -> String {
    "http://127.0.0.1:8080".into()
}
fn default_deadline_days() -> i64 {
    7
}
fn default_interval() -> u64 {
    2
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            smtp: None,
            base_url: default_base_url(),
            deadline_days: default_deadline_days(),
            interval_seconds: default_interval(),
        }
    }
}

impl Settings {
    /// `DIR/notify.toml` when present (a bad file is an error with its line), else
    /// the defaults; then `ONESTOP_SMTP_HOST`, `ONESTOP_SMTP_PORT`,
    /// `ONESTOP_SMTP_FROM`, `ONESTOP_SMTP_SECURITY` and `ONESTOP_PUBLIC_URL`.
    pub fn load(dir: &Path) -> Result<Settings, String> {
        let path = dir.join(DATA_FILE);
        let mut s = match std::fs::read_to_string(&path) {
            Ok(text) => Settings::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        s.apply_env(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))?;
        Ok(s)
    }

    /// Reads the file's text; errors name the line.
    pub fn parse(text: &str) -> Result<Settings, String> {
        let s: Settings = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|sp| text[..sp.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(l) => format!("line {l}: {}", e.message()),
                None => e.message().to_string(),
            }
        })?;
        s.check()?;
        Ok(s)
    }

    fn check(&self) -> Result<(), String> {
        if let Some(smtp) = &self.smtp {
            if smtp.host.trim().is_empty() {
                return Err("smtp.host is empty (leave [smtp] out for no e-mail)".into());
            }
            smtp.from
                .parse::<lettre::message::Mailbox>()
                .map_err(|e| format!("smtp.from {:?} is not an address: {e}", smtp.from))?;
        }
        if self.deadline_days < 0 {
            return Err("deadline_days must not be negative".into());
        }
        if self.interval_seconds == 0 {
            return Err("interval_seconds must be at least 1".into());
        }
        Ok(())
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        if let Some(url) = var("ONESTOP_PUBLIC_URL") {
            self.base_url = url;
        }
        if let Some(host) = var("ONESTOP_SMTP_HOST") {
            let from = var("ONESTOP_SMTP_FROM")
                .or_else(|| self.smtp.as_ref().map(|s| s.from.clone()))
                .unwrap_or_else(|| "onestop <noreply@localhost>".into());
            let base = self.smtp.clone();
            self.smtp = Some(Smtp {
                host,
                port: base.as_ref().map_or(25, |s| s.port),
                from,
                security: base.as_ref().map(|s| s.security).unwrap_or_default(),
                username: base.as_ref().and_then(|s| s.username.clone()),
                password_env: base.and_then(|s| s.password_env),
            });
        }
        if let Some(smtp) = self.smtp.as_mut() {
            if let Some(port) = var("ONESTOP_SMTP_PORT") {
                smtp.port = port
                    .parse()
                    .map_err(|_| format!("ONESTOP_SMTP_PORT {port:?} is not a port number"))?;
            }
            if let Some(sec) = var("ONESTOP_SMTP_SECURITY") {
                smtp.security = match sec.as_str() {
                    "none" => Security::None,
                    "starttls" => Security::Starttls,
                    "tls" => Security::Tls,
                    other => {
                        return Err(format!(
                            "ONESTOP_SMTP_SECURITY {other:?}: expected none, starttls or tls"
                        ));
                    }
                };
            }
        }
        self.check()
    }

    /// One line for the server's start.
    pub fn startup_line(&self) -> String {
        match &self.smtp {
            None => "e-mail notifications: off (no SMTP server configured in DATA/notify.toml or ONESTOP_SMTP_HOST); the portal inbox and the feeds still get every notification".into(),
            Some(s) => format!(
                "e-mail notifications: via {}:{} ({:?}) from {}",
                s.host, s.port, s.security, s.from
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_send_no_mail() {
        let s = Settings::parse("").expect("empty file");
        assert!(s.smtp.is_none());
        assert!(s.startup_line().contains("off"));
        assert_eq!(s.deadline_days, 7);
    }

    #[test]
    fn a_full_file_and_its_errors() {
        let s = Settings::parse(
            "base_url = \"https://onestop.example\"\n[smtp]\nhost = \"mail\"\nport = 587\nfrom = \"onestop <n@x.example>\"\nsecurity = \"starttls\"\n",
        )
        .expect("valid");
        let smtp = s.smtp.expect("smtp");
        assert_eq!((smtp.port, smtp.security), (587, Security::Starttls));
        let e = Settings::parse("[smtp]\nhost = \"mail\"\nfrom = \"not an address\"\n")
            .expect_err("bad sender");
        assert!(e.contains("smtp.from"), "{e}");
        let e = Settings::parse("deadline_days = 3\nbogus = 1\n").expect_err("unknown key");
        assert!(e.starts_with("line 2"), "{e}");
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let mut s = Settings::default();
        s.apply_env(|k| match k {
            "ONESTOP_SMTP_HOST" => Some("127.0.0.1".into()),
            "ONESTOP_SMTP_PORT" => Some("2525".into()),
            _ => None,
        })
        .expect("valid");
        let smtp = s.smtp.expect("smtp from the environment");
        assert_eq!((smtp.host.as_str(), smtp.port), ("127.0.0.1", 2525));
        let mut s = Settings::default();
        let e = s
            .apply_env(|k| {
                (k == "ONESTOP_SMTP_HOST" || k == "ONESTOP_SMTP_PORT").then(|| "x".into())
            })
            .expect_err("bad port");
        assert!(e.contains("ONESTOP_SMTP_PORT"), "{e}");
    }
}
