//! Drives a running `onestop serve` from a second process and reports throughput and
//! latency percentiles. Used by bench/service.sh; figures go to BENCHMARKS.md.

use clap::{Parser, Subcommand};
use serde_json::{Value as J, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Cli {
    /// Base URL of the server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    url: String,
    /// Concurrent requests in flight
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Seconds to measure (after a one-second warm-up)
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    /// POST /api/bundles: durable submissions of a two-case bundle, each with a new key
    Submissions {
        /// Applicant accounts to spread the load over
        #[arg(long, default_value_t = 16)]
        users: usize,
        /// JSON file with the person's facts ({"facts": {...}})
        #[arg(long)]
        facts: String,
    },
    /// POST /api/eligibility for one enterprise, every measure
    Eligibility {
        /// JSON file with {"entity", "date", "facts"}
        #[arg(long)]
        facts: String,
    },
}

/// One worker's request: URL, bearer token, body.
type Job = (String, Option<String>, J);

fn load_json(path: &str) -> Result<J, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
}

#[tokio::main]
async fn main() {
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(cli.concurrency)
        .build()
        .map_err(|e| e.to_string())?;
    // Each worker builds its requests from (client, token, counter).
    let (label, jobs): (&str, Vec<Job>) = match &cli.what {
        What::Submissions { users, facts } => {
            let facts = load_json(facts)?["facts"].clone();
            let run_id = std::process::id();
            let mut tokens = Vec::new();
            for u in 0..*users {
                let name = format!("load-{run_id}-{u}");
                let r = http.post(format!("{}/api/accounts", cli.url)).json(&json!({"username": name, "password": "load-test-password", "entity": "person"})).send().await.map_err(|e| e.to_string())?;
                if !r.status().is_success() {
                    return Err(format!("register: {}", r.text().await.unwrap_or_default()));
                }
                let s: J = http
                    .post(format!("{}/api/sessions", cli.url))
                    .json(&json!({"username": name, "password": "load-test-password"}))
                    .send()
                    .await
                    .map_err(|e| e.to_string())?
                    .json()
                    .await
                    .map_err(|e| e.to_string())?;
                tokens.push(s["token"].as_str().unwrap_or("").to_string());
            }
            let body = json!({"service": "category-a-permits", "facts": facts});
            (
                "submissions (bundle of 2 cases + audit, fsync per commit)",
                (0..cli.concurrency)
                    .map(|i| {
                        (
                            format!("{}/api/bundles", cli.url),
                            Some(tokens[i % tokens.len()].clone()),
                            body.clone(),
                        )
                    })
                    .collect(),
            )
        }
        What::Eligibility { facts } => {
            let v = load_json(facts)?;
            let body = json!({"entity": v["entity"], "date": v["date"], "facts": v["facts"]});
            (
                "eligibility (every measure)",
                (0..cli.concurrency)
                    .map(|_| (format!("{}/api/eligibility", cli.url), None, body.clone()))
                    .collect(),
            )
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let measuring = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let mut handles = Vec::new();
    for (w, (url, token, body)) in jobs.into_iter().enumerate() {
        let http = http.clone();
        let (stop, measuring, errors) = (stop.clone(), measuring.clone(), errors.clone());
        handles.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let mut b = body.clone();
                if b.get("service").is_some() {
                    b["idempotency_key"] = json!(format!("w{w}-{n}-{}", std::process::id()));
                }
                n += 1;
                let mut req = http.post(&url).json(&b);
                if let Some(t) = &token {
                    req = req.bearer_auth(t);
                }
                let t0 = Instant::now();
                let ok = match req.send().await {
                    Ok(r) => {
                        let good = r.status().is_success();
                        let _ = r.bytes().await;
                        good
                    }
                    Err(_) => false,
                };
                if measuring.load(Ordering::Relaxed) {
                    if ok {
                        lat.push(t0.elapsed());
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            lat
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    measuring.store(true, Ordering::Relaxed);
    let start = Instant::now();
    tokio::time::sleep(Duration::from_secs(cli.seconds)).await;
    measuring.store(false, Ordering::Relaxed);
    let elapsed = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await.map_err(|e| e.to_string())?);
    }
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "{label}: {} ok in {:.1} s = {:.0}/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} errors; concurrency {}",
        all.len(),
        elapsed.as_secs_f64(),
        all.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        errors.load(Ordering::Relaxed),
        cli.concurrency
    );
    Ok(())
}
