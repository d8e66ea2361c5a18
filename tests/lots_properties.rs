//! Properties of lots over random sequences of FEFO backflushes, hand issues and
//! returns, transfers and reversals on an in-memory store:
//! (a) `verify` finds nothing: every balance and every lot balance equals its ledger;
//! (b) no lot ever goes negative;
//! (c) the trace's net consumption of each lot into the order's finished lot equals what the
//!     ledger says left the store of it (opening stock less what is on hand).

#![allow(clippy::unwrap_used)]

use backflush::service::TransferRequest;
use std::collections::BTreeMap;

use backflush::config::Config;
use backflush::domain::backflush::ReportRequest;
use backflush::domain::ids::ReportId;
use backflush::domain::lots::LotSelection;
use backflush::domain::qty::Quantity;
use backflush::service::{Credentials, IssueRequest, Service};
use backflush::store::Store;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;

/// A whole quantity.
fn whole(n: impl Into<Decimal>) -> Quantity {
    Quantity(n.into())
}

/// P (lot-tracked) is made at WC1 (M1) from 1 L (lot-tracked, 2 decimals) and 1 C per unit.
/// L at M1: A (expires 2030) 20, B 15, X (expired) 10, the unknown lot 5; at ST: N 50.
fn plant(dir: &std::path::Path) {
    let files = [
        (
            "locations.csv",
            "location,description,kind\nM1,,machine\nST,,storage\nFG,,finished\n",
        ),
        (
            "items.csv",
            "item,description,uom,decimals,type,tracking,backflush,std_cost\n\
             P,,EA,0,stock,lot,yes,10\nL,,KG,2,stock,lot,yes,2\nC,,EA,0,stock,none,yes,1\n",
        ),
        (
            "work_centers.csv",
            "work_center,description,location,labor_rate,overhead_rate,backflush\nWC1,,M1,10,5,yes\n",
        ),
        (
            "boms.csv",
            "parent,revision,base_qty,line,component,qty,per,scrap_pct,operation,backflush,supply_location\n\
             P,1,1,1,L,1,unit,,10,,\nP,1,1,2,C,1,unit,,10,,\n",
        ),
        (
            "routings.csv",
            "parent,revision,operation,work_center,setup_hours,run_hours,count_point\nP,1,10,WC1,0,0.1,yes\n",
        ),
        (
            "orders.csv",
            "order,item,revision,qty,due,completion_location\nWO1,P,1,1000,2026-12-01,FG\n",
        ),
        (
            "stock.csv",
            "item,location,qty,lot,expires\n\
             L,M1,20,A,2030-01-01\nL,M1,15,B,\nL,M1,10,X,2020-01-01\nL,M1,5,,\nL,ST,50,N,\n\
             C,M1,1000,,\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

const OPENING: [(&str, i64); 5] = [("A", 20), ("B", 15), ("X", 10), ("", 5), ("N", 50)];

#[derive(Debug, Clone)]
enum Step {
    Report(u8),
    Issue(i8),
    Transfer(u8),
    Reverse(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (1u8..=6).prop_map(Step::Report),
        2 => (-3i8..=3).prop_map(Step::Issue),
        1 => (1u8..=12).prop_map(Step::Transfer),
        2 => (0usize..8).prop_map(Step::Reverse),
    ]
}

struct Model {
    service: Service,
    reports: Vec<ReportId>,
}

impl Model {
    fn new() -> Model {
        let mut config = Config::default();
        config.policy.lot_selection = LotSelection::Fefo;
        let mut service = Service::with_store(Store::open_in_memory().unwrap(), config);
        let dir = tempfile::tempdir().unwrap();
        plant(dir.path());
        service.import(dir.path(), &Credentials::default()).unwrap();
        Model {
            service,
            reports: Vec::new(),
        }
    }

    /// Runs a step; a refusal (a lot that does not hold, a return past what was consumed)
    /// changes nothing and is part of the property.
    fn apply(&mut self, step: &Step) {
        let who = Credentials::default();
        match *step {
            Step::Report(good) => {
                let request = ReportRequest {
                    operation: 10,
                    good: whole(good),
                    ..ReportRequest::default()
                };
                if let Ok(posted) = self.service.report("WO1", &request, None, &who) {
                    self.reports.push(posted.report_id);
                }
            }
            Step::Issue(0) => {}
            Step::Issue(qty) => {
                let lots = (qty > 0).then(|| format!("B:{qty}"));
                let request = IssueRequest {
                    order: "WO1".into(),
                    line: "1".into(),
                    qty: whole(qty),
                    lots,
                    ..IssueRequest::default()
                };
                let _ = self.service.issue(&request, None, &who);
            }
            Step::Transfer(qty) => {
                let _ = self.service.transfer(
                    &TransferRequest {
                        item: "L".into(),
                        qty: whole(qty),
                        from: "ST".into(),
                        to: "M1".into(),
                        lots: None,
                    },
                    &who,
                );
            }
            Step::Reverse(pick) => {
                if !self.reports.is_empty() {
                    let id = self.reports.remove(pick % self.reports.len());
                    let _ = self.service.reverse(id, "property", &who);
                }
            }
        }
    }

    fn check(&self) -> Result<(), TestCaseError> {
        let problems = self.service.verify().unwrap();
        prop_assert!(problems.is_empty(), "{problems:?}");
        let mut on_hand: BTreeMap<String, Quantity> = BTreeMap::new();
        for row in self.service.stock(None, Some(&"L".into())).unwrap() {
            prop_assert!(row.qty >= Quantity::ZERO, "a lot went negative: {row:?}");
            *on_hand
                .entry(row.lot.clone().unwrap_or_default())
                .or_default() += row.qty;
        }
        // Genealogy runs through orders that received the lot: nothing moves P once
        // received, so what is on hand of lot WO1 is what the order received, net.
        let received: Quantity = self
            .service
            .stock(None, Some(&"P".into()))
            .unwrap()
            .iter()
            .filter(|r| r.lot.as_deref() == Some("WO1"))
            .map(|r| r.qty)
            .sum();
        if received.is_zero() {
            if let Ok(trace) = self.service.trace(&"P".into(), "WO1") {
                prop_assert!(trace.genealogy.backward.is_empty(), "{trace:?}");
            }
            return Ok(());
        }
        let trace = self.service.trace(&"P".into(), "WO1").unwrap();
        for (lot, opening) in OPENING {
            let left = whole(opening) - on_hand.get(lot).copied().unwrap_or_default();
            let traced = trace
                .genealogy
                .backward
                .iter()
                .find(|l| l.item == "L" && l.lot.as_deref() == Some(lot))
                .map_or(Quantity::ZERO, |l| l.qty);
            prop_assert_eq!(traced, left, "lot {:?}", lot);
        }
        prop_assert!(
            on_hand.get("X").copied() == Some(whole(10)),
            "expired X never chosen"
        );
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn lot_balances_follow_the_ledger_never_go_negative_and_trace_what_left(
        steps in prop::collection::vec(step(), 1..16)
    ) {
        let mut model = Model::new();
        for s in &steps {
            model.apply(s);
            model.check()?;
        }
    }
}

/// Every lot balance, in a fixed order.
fn lot_balances(service: &Service) -> Vec<(String, String, Option<String>, Quantity)> {
    let mut rows: Vec<_> = service
        .stock(None, None)
        .unwrap()
        .into_iter()
        .map(|r| (r.item.to_string(), r.location.to_string(), r.lot, r.qty))
        .collect();
    rows.sort();
    rows
}

/// A failure injected in the middle of a posting by lot (after the first lot's movement,
/// before the second's; at the receipt; at a reversal's journal) leaves every lot balance as
/// it was.
#[test]
fn a_failure_in_the_middle_of_a_lot_posting_leaves_every_lot_as_it_was() {
    let mut m = Model::new();
    let who = Credentials::default();
    // 25 units: A (20) and then the unknown lot (5) under FEFO.
    let request = ReportRequest {
        operation: 10,
        good: whole(25),
        ..ReportRequest::default()
    };
    let triggers = [
        "CREATE TRIGGER boom BEFORE INSERT ON lot_balances WHEN NEW.lot = '' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        "CREATE TRIGGER boom BEFORE INSERT ON movements WHEN NEW.kind = 'receipt' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        "CREATE TRIGGER boom BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected'); END;",
    ];
    for trigger in triggers {
        let before = lot_balances(&m.service);
        m.service.conn().execute_batch(trigger).unwrap();
        let err = m.service.report("WO1", &request, None, &who).unwrap_err();
        assert!(
            backflush::cli::words::describe(&err).contains("injected"),
            "{trigger}: {err:?}"
        );
        m.service
            .conn()
            .execute_batch("DROP TRIGGER boom;")
            .unwrap();
        assert_eq!(lot_balances(&m.service), before, "{trigger}");
    }
    let posted = m.service.report("WO1", &request, None, &who).unwrap();
    let after = lot_balances(&m.service);
    m.service
        .conn()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON journal WHEN NEW.kind = 'reversal'
             BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    assert!(m.service.reverse(posted.report_id, "x", &who).is_err());
    m.service
        .conn()
        .execute_batch("DROP TRIGGER boom;")
        .unwrap();
    assert_eq!(lot_balances(&m.service), after);
    m.service.reverse(posted.report_id, "x", &who).unwrap();
    assert!(m.service.verify().unwrap().is_empty());
}
