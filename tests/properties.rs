//! Properties of the cumulative rule over random sequences of reports and
//! reversals on an in-memory store:
//! (a) what is issued per component, net of reversals, follows the cumulative targets and ends
//!     exactly at what one report of the net units would plan on a fresh order;
//! (b) no line ever has a negative planned quantity or issue;
//! (c) `verify` finds nothing: balances equal their ledger, every journal entry balances.

#![allow(clippy::unwrap_used)]

mod common;

use backflush::service::TransferRequest;
use std::collections::HashMap;
use std::path::Path;

use backflush::config::Config;
use backflush::domain::backflush::NegativeStock;
use backflush::domain::backflush::ReportRequest;
use backflush::domain::ids::ReportId;
use backflush::domain::qty::Quantity;
use backflush::service::{Credentials, Service};
use backflush::store::Store;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;

use common::d;

/// Routing: 10 (WC10, not a count point), 20 (WC20, count point), 30 (WC30, last).
/// BOM of A, base 3:
/// 1 X ×1 at 10 (EA); 2 Y ×2 +10 % at 20 (EA); 3 K ×0.7 +5 % at 30 (2 decimals);
/// 4 S ×1.5 per order +10 % at 10 (1 decimal); 5 phantom P ×2 at 30, P (base 3): Z ×1 +20 %.
fn plant(dir: &Path, opening: &str) {
    let files = [
        (
            "locations.csv",
            "location,description,kind\nM10,,machine\nM20,,machine\nM30,,machine\nFG,,finished\n"
                .to_string(),
        ),
        (
            "items.csv",
            "item,description,uom,decimals,type,tracking,backflush,std_cost\n\
             A,,EA,0,stock,none,yes,50\n\
             X,,EA,0,stock,none,yes,1.25\n\
             Y,,EA,0,stock,none,yes,3\n\
             K,,KG,2,stock,none,yes,0.7\n\
             S,,KG,1,stock,none,yes,2\n\
             P,,EA,0,phantom,none,yes,0\n\
             Z,,EA,0,stock,none,yes,0.33\n"
                .to_string(),
        ),
        (
            "work_centers.csv",
            "work_center,description,location,labor_rate,overhead_rate,backflush\n\
             WC10,,M10,40,20,yes\nWC20,,M20,50,30,yes\nWC30,,M30,45,15,yes\n"
                .to_string(),
        ),
        (
            "boms.csv",
            "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
             A,1,3,1,X,1,unit,,10,,\n\
             A,1,3,2,Y,2,unit,10,20,,\n\
             A,1,3,3,K,0.7,unit,5,30,,\n\
             A,1,3,4,S,1.5,order,10,10,,\n\
             A,1,3,5,P,2,unit,,30,,\n\
             P,1,3,1,Z,1,unit,20,,,\n"
                .to_string(),
        ),
        (
            "routings.csv",
            "parent,revision,operation,work_center,setup_hours,run_hours,count_point\n\
             A,1,10,WC10,1,0.1,no\nA,1,20,WC20,0.5,0.2,yes\nA,1,30,WC30,0.25,0.3,no\n"
                .to_string(),
        ),
        (
            "orders.csv",
            "order,item,revision,qty,due,completion_location\nO1,A,1,1000,,FG\nO2,A,1,1000,,FG\n"
                .to_string(),
        ),
        ("stock.csv", format!("item,location,qty\n{opening}")),
    ];
    common::write_files(dir, &files);
}

/// A per-unit line of the model: component, count point that flushes it, location,
/// qty × scrap factor / base, decimals.
struct Line {
    line: &'static str,
    item: &'static str,
    count_point: i64,
    location: &'static str,
    numerator: Decimal,
    base: Decimal,
    decimals: u32,
}

fn lines() -> Vec<Line> {
    vec![
        Line {
            line: "1",
            item: "X",
            count_point: 20,
            location: "M10",
            numerator: d("1"),
            base: d("3"),
            decimals: 0,
        },
        Line {
            line: "2",
            item: "Y",
            count_point: 20,
            location: "M20",
            numerator: d("2.2"),
            base: d("3"),
            decimals: 0,
        },
        Line {
            line: "3",
            item: "K",
            count_point: 30,
            location: "M30",
            numerator: d("0.735"),
            base: d("3"),
            decimals: 2,
        },
        Line {
            line: "5.1",
            item: "Z",
            count_point: 30,
            location: "M30",
            numerator: d("2.4"), // 2 × 1 × 1.2
            base: d("9"),        // 3 × 3
            decimals: 0,
        },
    ]
}

/// The per-order line: ceil(1.5 × 1.1, 1 decimal).
const PER_ORDER: &str = "1.7";

/// An independent target(U): rounded up to the item's decimals.
fn target(l: &Line, units: Decimal) -> Decimal {
    let scale = Decimal::from(10_i64.pow(l.decimals));
    (units * l.numerator / l.base * scale).ceil() / scale
}

#[derive(Debug, Clone)]
enum Step {
    Report { at30: bool, good: u8, scrap: u8 },
    Reverse(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (any::<bool>(), 0u8..=4, 0u8..=2).prop_map(|(at30, good, scrap)| Step::Report {
            at30,
            good,
            scrap
        }),
        1 => any::<usize>().prop_map(Step::Reverse),
    ]
}

struct Posted {
    id: ReportId,
    operation: i64,
    units: Decimal,
    reversed: bool,
    /// This report carried the per-order line and the setups of operations 10 and 20.
    carried: bool,
}

struct Model {
    service: Service,
    opening: Decimal,
    posted: Vec<Posted>,
    /// The highest cumulative units each count point ever reached.
    max_units: HashMap<i64, Decimal>,
    reversals: usize,
}

fn req(operation: i64, good: Decimal, scrap: Decimal) -> ReportRequest {
    ReportRequest {
        operation,
        good: Quantity(good),
        scrap: Quantity(scrap),
        overrides: Vec::new(),
        ..ReportRequest::default()
    }
}

impl Model {
    fn new(policy: NegativeStock, opening: &str) -> Model {
        let mut config = Config::default();
        config.policy.negative_stock = policy;
        let mut service = Service::with_store(Store::open_in_memory().unwrap(), config);
        let dir = tempfile::tempdir().unwrap();
        let stock = if opening == "0" {
            String::new()
        } else {
            ["X,M10", "Y,M20", "K,M30", "S,M10", "Z,M30"]
                .iter()
                .map(|il| format!("{il},{opening}\n"))
                .collect()
        };
        plant(dir.path(), &stock);
        service.import(dir.path(), &Credentials::default()).unwrap();
        Model {
            service,
            opening: d(opening),
            posted: Vec::new(),
            max_units: HashMap::new(),
            reversals: 0,
        }
    }

    fn units(&self, operation: i64) -> Decimal {
        self.posted
            .iter()
            .filter(|p| p.operation == operation && !p.reversed)
            .map(|p| p.units)
            .sum()
    }

    fn carrier(&self) -> bool {
        self.posted.iter().any(|p| p.carried && !p.reversed)
    }

    fn report(&mut self, operation: i64, good: Decimal, scrap: Decimal) {
        let carried = operation == 20 && !self.carrier();
        let posted = self
            .service
            .report(
                "O1",
                &req(operation, good, scrap),
                None,
                &Credentials::default(),
            )
            .unwrap();
        assert!(posted.deferred.is_empty());
        self.posted.push(Posted {
            id: posted.report_id,
            operation,
            units: good + scrap,
            reversed: false,
            carried,
        });
        let u = self.units(operation);
        let m = self.max_units.entry(operation).or_default();
        *m = (*m).max(u);
    }

    fn reverse(&mut self, pick: usize) {
        let open: Vec<usize> = (0..self.posted.len())
            .filter(|&i| !self.posted[i].reversed)
            .collect();
        if open.is_empty() {
            return;
        }
        let i = open[pick % open.len()];
        self.service
            .reverse(self.posted[i].id, "property test", &Credentials::default())
            .unwrap();
        self.posted[i].reversed = true;
        self.reversals += 1;
    }

    fn issued(&self, item: &str, location: &str) -> Decimal {
        let on_hand: Decimal = self
            .service
            .stock(Some(&location.into()), Some(&item.into()))
            .unwrap()
            .iter()
            .map(|r| r.qty.get())
            .sum();
        self.opening - on_hand
    }

    /// The invariants that hold after every step.
    fn check(&self, after_report: Option<i64>) -> Result<(), TestCaseError> {
        let problems = self.service.verify().unwrap();
        prop_assert!(problems.is_empty(), "verify: {:?}", problems);

        let negative: i64 = self
            .service
            .conn()
            .query_row(
                "SELECT count(*) FROM report_lines
                 WHERE CAST(planned AS REAL) < 0 OR CAST(qty AS REAL) < 0 OR CAST(line_scrap AS REAL) < 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        prop_assert_eq!(negative, 0, "a report line with a negative quantity");
        let (_, progress) = self.service.order("O1").unwrap();
        for (line, p) in &progress.lines {
            prop_assert!(
                p.planned >= Quantity::ZERO,
                "line {} has P {}",
                line,
                p.planned
            );
            prop_assert!(
                p.carried == 0 || p.carried == 1,
                "line {} carried {}",
                line,
                p.carried
            );
        }
        for (op, p) in &progress.operations {
            prop_assert_eq!(
                p.units().get(),
                self.units(*op),
                "units of operation {}",
                op
            );
        }

        for l in lines() {
            let issued = self.issued(l.item, l.location);
            let u = self.units(l.count_point);
            let m = self
                .max_units
                .get(&l.count_point)
                .copied()
                .unwrap_or_default();
            let now = target(&l, u);
            prop_assert_eq!(
                progress.lines[l.line].planned.get(),
                issued,
                "line {}: P equals what was issued (no overrides)",
                l.line
            );
            prop_assert!(issued >= Decimal::ZERO, "line {} issued {}", l.line, issued);
            // Never above the target of the most units ever reached.
            prop_assert!(
                issued <= target(&l, m),
                "line {}: issued {} above target({}) = {}",
                l.line,
                issued,
                m,
                target(&l, m)
            );
            if self.reversals == 0 {
                prop_assert_eq!(
                    issued,
                    now,
                    "line {} at U = {} without reversals",
                    l.line,
                    u
                );
            } else if after_report == Some(l.count_point) {
                // A report never leaves a line under its target.
                prop_assert!(
                    issued >= now,
                    "line {}: issued {} under target({}) = {} after a report",
                    l.line,
                    issued,
                    u,
                    now
                );
            }
        }
        let per_order = self.issued("S", "M10");
        let expected = if self.carrier() {
            d(PER_ORDER)
        } else {
            Decimal::ZERO
        };
        prop_assert_eq!(per_order, expected, "per-order line");
        let setups =
            progress.operations[&10].setup_carried + progress.operations[&20].setup_carried;
        prop_assert_eq!(setups, if self.carrier() { 2 } else { 0 }, "setups carried");
        Ok(())
    }

    /// Brings every count point past the most units it ever reached, then checks that each
    /// line issued exactly what one report of the net units plans on the fresh order O2.
    fn finish(&mut self) -> Result<(), TestCaseError> {
        for op in [20, 30] {
            let u = self.units(op);
            let m = self.max_units.get(&op).copied().unwrap_or_default();
            self.report(op, m - u + Decimal::ONE, Decimal::ZERO);
            self.check(Some(op))?;
        }
        for op in [20, 30] {
            let u = self.units(op);
            let fresh = self
                .service
                .preview("O2", &req(op, u, Decimal::ZERO))
                .unwrap();
            for pl in &fresh.lines {
                let issued = self.issued(&pl.item, &pl.location);
                prop_assert_eq!(
                    issued,
                    pl.planned.get(),
                    "line {} ({}): issued over the whole history vs one report of {} units",
                    &pl.line,
                    &pl.item,
                    u
                );
            }
        }
        for l in lines() {
            let u = self.units(l.count_point);
            prop_assert_eq!(
                self.issued(l.item, l.location),
                target(&l, u),
                "line {}",
                l.line
            );
        }
        prop_assert_eq!(self.issued("S", "M10"), d(PER_ORDER));
        Ok(())
    }
}

fn run(policy: NegativeStock, opening: &str, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut model = Model::new(policy, opening);
    for s in steps {
        match *s {
            Step::Report { at30, good, scrap } => {
                let op = if at30 { 30 } else { 20 };
                let good = if good == 0 && scrap == 0 { 1 } else { good };
                model.report(op, Decimal::from(good), Decimal::from(scrap));
                model.check(Some(op))?;
            }
            Step::Reverse(pick) => {
                model.reverse(pick);
                model.check(None)?;
            }
        }
    }
    model.finish()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Plenty of stock at every machine, the default policy (defer): nothing is deferred.
    #[test]
    fn reports_and_reversals_issue_the_cumulative_targets_with_plenty_of_stock(
        steps in prop::collection::vec(step(), 1..14)
    ) {
        run(NegativeStock::Defer, "100000", &steps)?;
    }

    /// No stock at all under `allow`: balances go negative by exactly what was issued.
    #[test]
    fn reports_and_reversals_issue_the_cumulative_targets_under_allow(
        steps in prop::collection::vec(step(), 1..14)
    ) {
        run(NegativeStock::Allow, "0", &steps)?;
    }
}

/// The sequence "one rounding step above target" remark does not cover: two
/// zero-planned middle reports reversed leave X two steps above target(U) until a later
/// report passes the most units reached (the property's `finish` handles it).
#[test]
fn two_reversed_zero_planned_reports_then_finish() {
    let steps = [1u8, 2, 1, 2, 1]
        .into_iter()
        .map(|good| Step::Report {
            at30: false,
            good,
            scrap: 0,
        })
        .chain([Step::Reverse(1), Step::Reverse(2)])
        .collect::<Vec<_>>();
    run(NegativeStock::Defer, "100000", &steps).unwrap();
}

#[derive(Debug, Clone)]
enum Scarce {
    Report {
        at30: bool,
        good: u8,
        scrap: u8,
    },
    Reverse(usize),
    /// Brings `qty` of component `item % 5` from STORE to its machine (retries its queue).
    Transfer {
        item: usize,
        qty: u8,
    },
    Retry,
}

fn scarce_step() -> impl Strategy<Value = Scarce> {
    prop_oneof![
        4 => (any::<bool>(), 0u8..=4, 0u8..=2).prop_map(|(at30, good, scrap)| Scarce::Report {
            at30,
            good,
            scrap
        }),
        1 => any::<usize>().prop_map(Scarce::Reverse),
        2 => (0usize..5, 1u8..=6).prop_map(|(item, qty)| Scarce::Transfer { item, qty }),
        1 => Just(Scarce::Retry),
    ]
}

const MACHINE: [(&str, &str); 5] = [
    ("X", "M10"),
    ("Y", "M20"),
    ("K", "M30"),
    ("S", "M10"),
    ("Z", "M30"),
];

/// Under `defer` with scarce stock nothing is lost and nothing goes negative: for every line,
/// issued (ledger) + pending (open exceptions) = P; every balance stays ≥ 0; a reversed
/// report keeps no open exception; `verify` is clean.
fn run_scarce(steps: &[Scarce]) -> Result<(), TestCaseError> {
    let mut config = Config::default();
    config.policy.negative_stock = NegativeStock::Defer;
    let mut s = Service::with_store(Store::open_in_memory().unwrap(), config);
    let dir = tempfile::tempdir().unwrap();
    let opening: String = MACHINE
        .iter()
        .map(|(i, l)| format!("{i},{l},2\n{i},STORE,1000\n"))
        .collect();
    plant(dir.path(), &opening);
    std::fs::write(
        dir.path().join("locations.csv"),
        "location,description,kind\nM10,,machine\nM20,,machine\nM30,,machine\nFG,,finished\nSTORE,,storage\n",
    )
    .unwrap();
    s.import(dir.path(), &Credentials::default()).unwrap();
    let who = Credentials::default();
    let mut reports: Vec<(ReportId, bool)> = Vec::new();
    for step in steps {
        match *step {
            Scarce::Report { at30, good, scrap } => {
                let good = if good == 0 && scrap == 0 { 1 } else { good };
                let r = req(
                    if at30 { 30 } else { 20 },
                    Decimal::from(good),
                    Decimal::from(scrap),
                );
                let posted = s.report("O1", &r, None, &who).unwrap();
                reports.push((posted.report_id, false));
            }
            Scarce::Reverse(pick) => {
                let open: Vec<usize> = (0..reports.len()).filter(|&i| !reports[i].1).collect();
                if let Some(&i) = open.get(pick % open.len().max(1)) {
                    s.reverse(reports[i].0, "property", &who).unwrap();
                    reports[i].1 = true;
                }
            }
            Scarce::Transfer { item, qty } => {
                let (code, machine) = MACHINE[item];
                s.transfer(
                    &TransferRequest {
                        item: code.into(),
                        qty: Quantity(Decimal::from(qty)),
                        from: "STORE".into(),
                        to: machine.into(),
                        lots: None,
                    },
                    &who,
                )
                .unwrap();
            }
            Scarce::Retry => {
                s.retry_exceptions(None, &who).unwrap();
            }
        }
        let problems = s.verify().unwrap();
        prop_assert!(problems.is_empty(), "verify: {:?}", problems);
        for b in s.stock(None, None).unwrap() {
            prop_assert!(
                b.qty >= Quantity::ZERO,
                "{} at {} is {}",
                b.item,
                b.location,
                b.qty
            );
        }
        let (_, progress) = s.order("O1").unwrap();
        let v = s.variance("O1").unwrap();
        for l in &v.lines {
            let p = progress.lines[&l.line].planned;
            prop_assert_eq!(
                l.actual_qty + l.pending_qty,
                p,
                "line {}: issued {} + pending {} vs P {}",
                &l.line,
                l.actual_qty,
                l.pending_qty,
                p
            );
        }
        for e in s.exceptions(true).unwrap() {
            let reversed = reports.iter().any(|&(id, r)| id == e.report_id && r);
            prop_assert!(
                !reversed,
                "open exception {} of reversed report {}",
                e.id,
                e.report_id
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn under_defer_nothing_is_lost_and_nothing_goes_negative(
        steps in prop::collection::vec(scarce_step(), 1..16)
    ) {
        run_scarce(&steps)?;
    }
}

/// One step of the WIP property: a report on either order, a reversal, or a lead's scrap
/// adjustment (a correction back when negative) on a posted report's line.
#[derive(Debug, Clone)]
enum WipStep {
    Report {
        second: bool,
        at30: bool,
        good: u8,
        scrap: u8,
    },
    Reverse(usize),
    Adjust {
        pick: usize,
        more: bool,
    },
}

fn wip_step() -> impl Strategy<Value = WipStep> {
    prop_oneof![
        3 => (any::<bool>(), any::<bool>(), 0u8..=4, 0u8..=2).prop_map(
            |(second, at30, good, scrap)| WipStep::Report { second, at30, good, scrap }
        ),
        1 => any::<usize>().prop_map(WipStep::Reverse),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(pick, more)| WipStep::Adjust { pick, more }),
    ]
}

/// The balance of the WIP account: every journal line of the role `wip`.
fn wip_account(service: &Service) -> Decimal {
    let mut stmt = service
        .conn()
        .prepare("SELECT debit, credit FROM journal WHERE role = 'wip'")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap();
    rows.map(|r| {
        let (debit, credit) = r.unwrap();
        d::<Decimal>(&debit) - d::<Decimal>(&credit)
    })
    .sum()
}

fn orders_wip(service: &Service) -> Decimal {
    use backflush::service::closing::WipFilter;
    let report = service
        .wip(&WipFilter {
            order: None,
            all: true,
        })
        .unwrap();
    report.total.wip().get()
}

fn run_wip(steps: &[WipStep]) -> Result<(), TestCaseError> {
    use backflush::service::closing::CloseRequest;
    use backflush::service::{AdjustRequest, Keyed};
    let model = Model::new(NegativeStock::Defer, "100000");
    let mut service = model.service;
    let who = Credentials::default();
    let mut posted: Vec<ReportId> = Vec::new();
    for s in steps {
        match *s {
            WipStep::Report {
                second,
                at30,
                good,
                scrap,
            } => {
                let good = if good == 0 && scrap == 0 { 1 } else { good };
                let order = if second { "O2" } else { "O1" };
                let op = if at30 { 30 } else { 20 };
                let done = service
                    .report(
                        order,
                        &req(op, Decimal::from(good), Decimal::from(scrap)),
                        None,
                        &who,
                    )
                    .unwrap();
                posted.push(done.report_id);
            }
            WipStep::Reverse(pick) if !posted.is_empty() => {
                let id = posted[pick % posted.len()];
                // A report reversed once already is refused: nothing changes.
                let _ = service.reverse(id, "property", &who);
            }
            WipStep::Adjust { pick, more } if !posted.is_empty() => {
                let id = posted[pick % posted.len()];
                let request = AdjustRequest {
                    report: id,
                    line: if more { "2".into() } else { "1".into() },
                    qty: Quantity(if more { Decimal::ONE } else { -Decimal::ONE }),
                    reason: "DAMAGED".into(),
                    lots: None,
                };
                // A line the report did not post, a reversed report or a correction beyond
                // what the line issued is refused: nothing changes.
                let _ = service.adjust_scrap(Keyed::new(&request, None), &who);
            }
            _ => {}
        }
        prop_assert_eq!(orders_wip(&service), wip_account(&service), "after {:?}", s);
    }
    for order in ["O1", "O2"] {
        let request = CloseRequest {
            order: order.into(),
            reason: Some("property".into()),
        };
        service
            .close_order(Keyed::new(&request, None), &who)
            .unwrap();
    }
    prop_assert_eq!(wip_account(&service), Decimal::ZERO);
    prop_assert_eq!(orders_wip(&service), Decimal::ZERO);
    prop_assert!(service.verify().unwrap().is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Random reports on two orders, reversals and lead adjustments: the orders' WIP always
    /// sums to the WIP account, and once every order is closed the WIP account is 0.
    #[test]
    fn the_orders_wip_sums_to_the_wip_account_and_closing_every_order_empties_it(
        steps in prop::collection::vec(wip_step(), 1..16)
    ) {
        run_wip(&steps)?;
    }
}
