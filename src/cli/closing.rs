//! Closing an order: `wip`, `close`, `reopen`.

use serde::Serialize;

use super::output::{Out, Show};
use super::{Cli, CloseArgs, Failure, Outcome, ReopenArgs, WipArgs, credentials, open_service};
use crate::domain::codes::{ItemCode, OrderNo};
use crate::domain::qty::Money;
use crate::domain::wip::{ClosedAs, OrderStatus, WipColumns};
use crate::service::Keyed;
use crate::service::closing::{
    CloseRequest, Closed, ReopenRequest, Reopened, WipFilter, WipReport, WipRow,
};

/// The six amounts of a row of `wip --json` and its WIP.
#[derive(Debug, Clone, Copy, Serialize)]
struct Amounts {
    material: Money,
    labor: Money,
    overhead: Money,
    received: Money,
    scrapped: Money,
    settled: Money,
    wip: Money,
}

impl From<&WipColumns> for Amounts {
    fn from(c: &WipColumns) -> Self {
        Amounts {
            material: c.material,
            labor: c.labor,
            overhead: c.overhead,
            received: c.received,
            scrapped: c.scrapped,
            settled: c.settled,
            wip: c.wip(),
        }
    }
}

/// A row of `wip --json`.
#[derive(Debug, Clone, Serialize)]
struct WipOrderJson<'a> {
    order: &'a OrderNo,
    item: &'a ItemCode,
    status: OrderStatus,
    #[serde(flatten)]
    amounts: Amounts,
}

/// `wip --json`.
#[derive(Debug, Clone, Serialize)]
struct WipJson<'a> {
    orders: Vec<WipOrderJson<'a>>,
    total: Amounts,
}

impl Show for WipReport {
    fn json(&self) -> impl Serialize {
        WipJson {
            orders: self
                .orders
                .iter()
                .map(|r: &WipRow| WipOrderJson {
                    order: &r.order,
                    item: &r.item,
                    status: r.status,
                    amounts: Amounts::from(&r.columns),
                })
                .collect(),
            total: Amounts::from(&self.total),
        }
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        let row = |out: &mut Out, head: [&str; 3], a: &Amounts| {
            out.line(format_args!(
                "{:<12} {:<12} {:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}",
                head[0],
                head[1],
                head[2],
                a.material.to_string(),
                a.labor.to_string(),
                a.overhead.to_string(),
                a.received.to_string(),
                a.scrapped.to_string(),
                a.settled.to_string(),
                a.wip.to_string()
            ))
        };
        out.line(format_args!(
            "{:<12} {:<12} {:<8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}",
            "order",
            "item",
            "status",
            "material",
            "labor",
            "overhead",
            "received",
            "scrapped",
            "settled",
            "wip"
        ))?;
        for r in &self.orders {
            row(
                out,
                [r.order.as_str(), r.item.as_str(), r.status.as_str()],
                &Amounts::from(&r.columns),
            )?;
        }
        row(out, ["total", "", ""], &Amounts::from(&self.total))
    }
}

/// `backflush wip [--order O] [--all]`.
pub fn wip(cli: &Cli, args: &WipArgs) -> Outcome {
    let service = open_service(cli)?;
    let report = service.wip(&WipFilter {
        order: args.order.clone(),
        all: args.all,
    })?;
    Out::new(cli.json).show(&report)
}

/// `close --json`.
#[derive(Debug, Clone, Serialize)]
struct ClosedJson<'a> {
    order: &'a OrderNo,
    status: OrderStatus,
    closed_as: ClosedAs,
    wip: Money,
    material_usage_variance: Money,
    production_variance: Money,
    reason: Option<&'a str>,
}

impl Show for Closed {
    fn json(&self) -> impl Serialize {
        ClosedJson {
            order: &self.order,
            status: OrderStatus::Closed,
            closed_as: self.closed_as,
            wip: self.wip,
            material_usage_variance: self.material_usage_variance,
            production_variance: self.production_variance,
            reason: self.reason.as_deref(),
        }
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "order {} closed {}: WIP {} settled, material usage variance {}, production variance {}",
            self.order,
            self.closed_as,
            self.wip,
            self.material_usage_variance,
            self.production_variance
        ))
    }
}

/// `backflush close --order O [--reason TEXT]`.
pub fn close(cli: &Cli, args: &CloseArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let request = CloseRequest {
        order: args.order.clone(),
        reason: args.reason.clone(),
    };
    let closed = service.close_order(Keyed::new(&request, args.posting.key.as_deref()), &who)?;
    Out::new(cli.json).show(&closed)
}

/// `reopen --json`.
#[derive(Debug, Clone, Serialize)]
struct ReopenedJson<'a> {
    order: &'a OrderNo,
    status: OrderStatus,
    reason: &'a str,
    reverses: i64,
}

impl Show for Reopened {
    fn json(&self) -> impl Serialize {
        ReopenedJson {
            order: &self.order,
            status: OrderStatus::Released,
            reason: &self.reason,
            reverses: self.reverses,
        }
    }

    fn text(&self, out: &mut Out) -> Result<(), Failure> {
        out.line(format_args!(
            "order {} reopened: the settlement of event {} reversed",
            self.order, self.reverses
        ))
    }
}

/// `backflush reopen --order O --reason TEXT`.
pub fn reopen(cli: &Cli, args: &ReopenArgs) -> Outcome {
    let who = credentials(cli)?;
    let mut service = open_service(cli)?;
    let request = ReopenRequest {
        order: args.order.clone(),
        reason: args.reason.clone(),
    };
    let reopened = service.reopen_order(Keyed::new(&request, args.posting.key.as_deref()), &who)?;
    Out::new(cli.json).show(&reopened)
}
