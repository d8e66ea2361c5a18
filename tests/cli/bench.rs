//! `backflush bench --json`: every figure the issue names, on a small store.

#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn bench_json_names_every_figure_and_measures_the_floor_in_the_same_run() {
    let out = Command::new(crate::common::binary())
        .args([
            "bench",
            "--items",
            "300",
            "--ledger",
            "2000",
            "--orders",
            "20",
            "--reports",
            "30",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "reports_per_sec",
        "post_p50_ms",
        "post_p95_ms",
        "post_p99_ms",
        "floor_p50_ms",
        "ratio_to_floor",
        "preview_p50_ms",
        "preview_500_p50_ms",
        "replenish_p50_ms",
        "replenish_rows",
        "export_events_per_sec",
        "batch_cli_reports_per_sec",
        "first_frame_ms",
        "rss_mb",
        "lines",
        "items",
        "ledger_rows",
        "synchronous",
        "export_events",
        "export_rss_start_mb",
        "export_rss_end_mb",
        "export_anon_start_mb",
        "export_anon_end_mb",
        "post_lots_p50_ms",
        "post_lots_p95_ms",
        "post_untracked_p50_ms",
        "lots_ratio",
        "post_full_p50_ms",
        "post_full_p95_ms",
        "synchronous_full",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    assert!(v["floor_p50_ms"].as_f64().unwrap() > 0.0);
    let ratio = v["post_p50_ms"].as_f64().unwrap() / v["floor_p50_ms"].as_f64().unwrap();
    assert!((ratio - v["ratio_to_floor"].as_f64().unwrap()).abs() < 1e-9);
    assert_eq!(v["lines"], 20);
    assert_eq!(v["synchronous"], "normal");
    assert_eq!(
        v["synchronous_full"], "full",
        "the full posts ran with synchronous=full"
    );
    assert_eq!(v["verify_ok"], true, "the product's postings verify");
    // Every ledger row of the bench store is exported through the outbox: the bulk ledger's
    // 2000 opening balances, then the reports' events.
    assert!(v["export_events"].as_u64().unwrap() > 2000, "{v}");
    assert!(v["post_lots_p50_ms"].as_f64().unwrap() > 0.0);
}
