//! Production orders and their release: the snapshot of BOM and routing an order keeps, with
//! phantoms exploded in place.

use crate::domain::codes::LocationCode;
use crate::domain::codes::{ItemCode, OrderNo};
use std::cmp::Ordering;
use std::collections::HashMap;

use crate::domain::qty::{Hours, Quantity};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::master::{
    Bom, BomLine, Item, ItemType, MasterData, Per, Routing, compare_revisions, highest_revision,
};
use super::uom::Ratio;

/// A released production order with its own materials and operations.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub order: OrderNo,
    pub item: ItemCode,
    pub revision: String,
    pub qty: Quantity,
    pub due: Option<NaiveDate>,
    pub completion_location: LocationCode,
    pub operations: Vec<OrderOperation>,
    pub materials: Vec<OrderMaterial>,
}

/// One operation of a released order, in routing sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderOperation {
    pub operation: i64,
    pub work_center: String,
    pub setup_hours: Hours,
    pub run_hours: Hours,
    /// Already effective: the last operation is always a count point.
    pub count_point: bool,
}

/// One material line of a released order. For a line exploded from a phantom, `qty` is the
/// product of the quantities along the path and `base` the product of the base quantities,
/// so that the requirement is computed with a single division. A BOM line written in another
/// unit than its component's has the conversion folded in the same way: its ratio's
/// numerator is multiplied into `qty` and its denominator into `base`, so nothing is rounded
/// before the one rounding up in the component's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderMaterial {
    /// The BOM line number, or the path ("2.1") for a line exploded from a phantom.
    pub line: String,
    pub component: ItemCode,
    pub qty: Decimal,
    pub base: Decimal,
    pub per: Per,
    /// `(1+s1)(1+s2)…`: the compounded scrap allowance as a factor.
    pub scrap_factor: Decimal,
    pub operation: i64,
    /// The BOM line's flag (blank = `None`).
    pub bom_backflush: Option<bool>,
    /// A lead's explicit value on the order line.
    pub order_backflush: Option<bool>,
    pub supply_location: Option<LocationCode>,
    /// The unit the line's BOM quantity is written in, when it is not the component's own and
    /// no phantom level above it converted (then `qty / ratio.num` per `base / ratio.den` is
    /// the BOM line's quantity in this unit).
    pub uom: Option<String>,
    /// The product of the unit conversions along the line's path, already folded into `qty`
    /// and `base` (kept to explain the numbers).
    pub ratio: Ratio,
}

impl OrderMaterial {
    /// The quantity per `base` parent units in the unit of the BOM line (`qty` before the
    /// conversions were folded in), when a conversion applies.
    #[must_use]
    pub fn bom_qty(&self) -> Option<(Decimal, Decimal)> {
        if self.ratio.is_one() {
            return None;
        }
        Some((
            self.qty.checked_div(self.ratio.num)?,
            self.base.checked_div(self.ratio.den)?,
        ))
    }
}

/// Why an order cannot be released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReleaseError {
    NoRouting {
        item: String,
        revision: String,
    },
    UnknownOperation {
        parent: String,
        revision: String,
        line: String,
        operation: i64,
    },
    PhantomWithoutBom {
        phantom: String,
        line: String,
    },
    UnknownItem {
        item: String,
        line: String,
    },
    /// The items along the cycle, the first repeated at the end.
    Cycle(Vec<String>),
    TooLarge {
        line: String,
    },
    NoConversion {
        line: String,
        item: String,
        from: String,
        to: String,
    },
    DuplicateLine {
        line: String,
    },
    TooManyLines {
        parent: String,
        revision: String,
        /// Counted, never built; `u64::MAX` stands for "at least that many".
        lines: u64,
    },
}

/// The most material lines a released order may have after phantom explosion: far above a
/// real BOM's, and a structure that explodes beyond it (each level naming the next phantom
/// twice doubles the lines) is refused before a single line is built.
pub const MAX_ORDER_LINES: u64 = 10_000;

/// What release reads: items, the parent's BOM and routing, and the BOMs of phantoms.
pub trait MasterView {
    fn item(&self, item: &str) -> Option<&Item>;
    fn bom(&self, parent: &str, revision: &str) -> Option<&Bom>;
    /// The highest revision of `parent`'s BOMs (numbers compare as numbers).
    fn latest_bom(&self, parent: &str) -> Option<&Bom>;
    fn routing(&self, parent: &str, revision: &str) -> Option<&Routing>;
    /// The exact ratio from unit `from` to unit `to` for `item`.
    fn conversion(&self, item: &str, from: &str, to: &str) -> Option<Ratio>;
}

/// The import's master data is what release reads.
impl MasterView for MasterData {
    fn item(&self, item: &str) -> Option<&Item> {
        self.items.get(item)
    }

    fn bom(&self, parent: &str, revision: &str) -> Option<&Bom> {
        self.boms
            .get(&(ItemCode::from(parent), revision.to_string()))
    }

    fn latest_bom(&self, parent: &str) -> Option<&Bom> {
        highest_revision(self.boms.values().filter(|b| b.parent == parent))
    }

    fn routing(&self, parent: &str, revision: &str) -> Option<&Routing> {
        self.routings
            .get(&(ItemCode::from(parent), revision.to_string()))
    }

    fn conversion(&self, item: &str, from: &str, to: &str) -> Option<Ratio> {
        self.conversions.ratio(item, from, to)
    }
}

/// The operations and materials an order takes at release.
///
/// # Errors
/// A missing routing, a BOM line at an operation the routing lacks, a phantom without a BOM,
/// an unknown component, or a cycle through phantoms.
pub fn release(
    master: &dyn MasterView,
    item: &str,
    revision: &str,
) -> Result<(Vec<OrderOperation>, Vec<OrderMaterial>), ReleaseError> {
    let routing = master
        .routing(item, revision)
        .ok_or_else(|| ReleaseError::NoRouting {
            item: item.to_string(),
            revision: revision.to_string(),
        })?;
    let mut ops = routing.operations.clone();
    ops.sort_by_key(|o| o.operation);
    let last = ops.len().saturating_sub(1);
    let operations: Vec<OrderOperation> = ops
        .into_iter()
        .enumerate()
        .map(|(i, o)| OrderOperation {
            operation: o.operation,
            work_center: o.work_center,
            setup_hours: o.setup_hours,
            run_hours: o.run_hours,
            count_point: o.count_point || i == last,
        })
        .collect();
    let first_op = operations.first().map_or(0, |o| o.operation);

    let mut materials = Vec::new();
    if let Some(bom) = master.bom(item, revision) {
        let lines = exploded_lines(master, bom);
        if lines > MAX_ORDER_LINES {
            return Err(ReleaseError::TooManyLines {
                parent: item.to_string(),
                revision: revision.to_string(),
                lines,
            });
        }
        for line in sorted_lines(bom) {
            let operation = line.operation.unwrap_or(first_op);
            if !operations.iter().any(|o| o.operation == operation) {
                return Err(ReleaseError::UnknownOperation {
                    parent: item.to_string(),
                    revision: revision.to_string(),
                    line: line.line.clone(),
                    operation,
                });
            }
            let path = Path {
                line: line.line.clone(),
                qty: line.qty.get(),
                base: bom.base_qty.get(),
                scrap_factor: Decimal::ONE + line.scrap_pct / Decimal::ONE_HUNDRED,
                supply_location: line.supply_location.clone(),
                chain: vec![item.to_string()],
                ratio: Ratio::ONE,
            };
            explode(master, line, &path, operation, &mut materials)?;
        }
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(m) = materials.iter().find(|m| !seen.insert(m.line.as_str())) {
        return Err(ReleaseError::DuplicateLine {
            line: m.line.clone(),
        });
    }
    Ok((operations, materials))
}

/// How many material lines `bom` explodes to, counted without building them: each phantom's
/// count is worked out once and reused wherever the phantom appears again, and the sum
/// saturates instead of overflowing. What the explosion refuses (an unknown item, a phantom
/// without a BOM, a cycle) counts as one line here; the explosion names it.
fn exploded_lines(master: &dyn MasterView, bom: &Bom) -> u64 {
    let mut counted = HashMap::new();
    let mut open = std::collections::HashSet::new();
    bom_lines(master, bom, &mut counted, &mut open)
}

fn bom_lines(
    master: &dyn MasterView,
    bom: &Bom,
    counted: &mut HashMap<String, u64>,
    open: &mut std::collections::HashSet<String>,
) -> u64 {
    bom.lines.iter().fold(0, |sum, line| {
        let phantom = master
            .item(&line.component)
            .is_some_and(|i| i.item_type == ItemType::Phantom);
        let n = if phantom {
            phantom_lines(master, &line.component, counted, open)
        } else {
            1
        };
        sum.saturating_add(n)
    })
}

fn phantom_lines(
    master: &dyn MasterView,
    phantom: &str,
    counted: &mut HashMap<String, u64>,
    open: &mut std::collections::HashSet<String>,
) -> u64 {
    if let Some(n) = counted.get(phantom) {
        return *n;
    }
    // A phantom met again below itself is a cycle, which the explosion names.
    if !open.insert(phantom.to_string()) {
        return 1;
    }
    let n = master
        .latest_bom(phantom)
        .map_or(1, |bom| bom_lines(master, bom, counted, open));
    open.remove(phantom);
    counted.insert(phantom.to_string(), n);
    n
}

/// What has accumulated along the path from the order's BOM down to a line.
struct Path {
    line: String,
    qty: Decimal,
    base: Decimal,
    scrap_factor: Decimal,
    supply_location: Option<LocationCode>,
    chain: Vec<String>,
    /// The product of the unit conversions above this line.
    ratio: Ratio,
}

/// The exact ratio that takes `line`'s quantity to its component's unit.
///
/// # Errors
/// No conversion between the two units.
pub fn line_ratio(
    master: &dyn MasterView,
    line: &BomLine,
    component: &Item,
    path_line: &str,
) -> Result<Ratio, ReleaseError> {
    match &line.uom {
        Some(uom) if *uom != component.uom => master
            .conversion(&component.item, uom, &component.uom)
            .ok_or_else(|| ReleaseError::NoConversion {
                line: path_line.to_string(),
                item: component.item.to_string(),
                from: uom.clone(),
                to: component.uom.clone(),
            }),
        _ => Ok(Ratio::ONE),
    }
}

fn explode(
    master: &dyn MasterView,
    line: &BomLine,
    path: &Path,
    operation: i64,
    out: &mut Vec<OrderMaterial>,
) -> Result<(), ReleaseError> {
    let component = master
        .item(&line.component)
        .ok_or_else(|| ReleaseError::UnknownItem {
            item: line.component.to_string(),
            line: path.line.clone(),
        })?;
    let own = line_ratio(master, line, component, &path.line)?;
    let too_large = || ReleaseError::TooLarge {
        line: path.line.clone(),
    };
    // A per-order line keeps its own quantity: only its own conversion applies to it.
    let ratio = if line.per == Per::Order {
        own
    } else {
        path.ratio.checked_mul(own).ok_or_else(too_large)?
    };
    let qty = path.qty.checked_mul(own.num).ok_or_else(too_large)?;
    let base = if line.per == Per::Order {
        own.den
    } else {
        path.base.checked_mul(own.den).ok_or_else(too_large)?
    };
    if component.item_type != ItemType::Phantom {
        out.push(OrderMaterial {
            line: path.line.clone(),
            component: line.component.clone(),
            qty,
            base,
            per: line.per,
            scrap_factor: path.scrap_factor,
            operation,
            bom_backflush: line.backflush,
            order_backflush: None,
            supply_location: path.supply_location.clone(),
            // The line's own unit explains the numbers only when no level above converted.
            uom: line
                .uom
                .clone()
                .filter(|u| *u != component.uom && (line.per == Per::Order || path.ratio.is_one())),
            ratio,
        });
        return Ok(());
    }
    if path.chain.iter().any(|c| line.component == *c) {
        let mut names = path.chain.clone();
        names.push(line.component.to_string());
        return Err(ReleaseError::Cycle(names));
    }
    let bom =
        master
            .latest_bom(&line.component)
            .ok_or_else(|| ReleaseError::PhantomWithoutBom {
                phantom: line.component.to_string(),
                line: path.line.clone(),
            })?;
    let mut chain = path.chain.clone();
    chain.push(line.component.to_string());
    for child in sorted_lines(bom) {
        let scale = Scale { qty, base, ratio };
        let child_path = child_path(path, child, scale, bom.base_qty.get(), &chain)?;
        explode(master, child, &child_path, operation, out)?;
    }
    Ok(())
}

/// A phantom line's quantity, base and unit ratio, carried down to its children.
#[derive(Debug, Clone, Copy)]
struct Scale {
    qty: Decimal,
    base: Decimal,
    ratio: Ratio,
}

/// The path to a phantom's child line: the quantities multiplied down (a per-order child
/// keeps its own), the scrap allowances compounded, the supply location inherited.
fn child_path(
    path: &Path,
    child: &BomLine,
    scale: Scale,
    bom_base: Decimal,
    chain: &[String],
) -> Result<Path, ReleaseError> {
    let Scale { qty, base, ratio } = scale;
    let line = format!("{}.{}", path.line, child.line);
    let too_large = || ReleaseError::TooLarge { line: line.clone() };
    let child_qty = if child.per == Per::Order {
        Some(child.qty.get())
    } else {
        qty.checked_mul(child.qty.get())
    };
    let scrap = Decimal::ONE + child.scrap_pct / Decimal::ONE_HUNDRED;
    Ok(Path {
        qty: child_qty.ok_or_else(too_large)?,
        base: base.checked_mul(bom_base).ok_or_else(too_large)?,
        ratio,
        scrap_factor: path.scrap_factor.checked_mul(scrap).ok_or_else(too_large)?,
        supply_location: child
            .supply_location
            .clone()
            .or_else(|| path.supply_location.clone()),
        chain: chain.to_vec(),
        line,
    })
}

fn sorted_lines(bom: &Bom) -> Vec<&BomLine> {
    let mut lines: Vec<&BomLine> = bom.lines.iter().collect();
    lines.sort_by(|a, b| compare_revisions(&a.line, &b.line));
    lines
}

/// Finds a cycle in the parent → component graph of all BOMs; returns its path
/// (`A → B → A`).
#[must_use]
pub fn find_cycle(edges: &HashMap<String, Vec<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    fn visit(
        node: &str,
        edges: &HashMap<String, Vec<String>>,
        marks: &mut HashMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Visiting) => {
                let start = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Visiting);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut roots: Vec<&String> = edges.keys().collect();
    roots.sort();
    let mut marks = HashMap::new();
    roots
        .into_iter()
        .find_map(|root| visit(root, edges, &mut marks, &mut Vec::new()))
}

/// Sort key helper so callers can order materials by line number.
#[must_use]
pub fn compare_lines(a: &str, b: &str) -> Ordering {
    let mut xs = a.split('.');
    let mut ys = b.split('.');
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match compare_revisions(x, y) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
}
