//! `boms.csv` and `routings.csv`: a parent+revision in the file replaces the stored one; the
//! BOMs together, stored and imported, may not form a cycle.

use crate::domain::codes::{ItemCode, LocationCode};
use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::domain::qty::Quantity;

use super::apply::Plan;
use super::rows::{Row, unique};
use super::{Duplicate, ImportError, RowProblem};
use crate::domain::master::{Bom, BomLine, Item, ItemType, Per, Routing, RoutingOperation};
use crate::domain::order::find_cycle;

/// The BOMs of the file as they are read, with the lines that errors name.
#[derive(Default)]
struct Boms {
    list: Vec<Bom>,
    /// Each BOM's first line in the file.
    first_line: HashMap<(ItemCode, String), u64>,
    /// The first line of each parent → component edge.
    edge_lines: HashMap<Edge, u64>,
}

/// A BOM's parent using a component.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Edge {
    parent: ItemCode,
    component: ItemCode,
}

impl Boms {
    /// Adds `line` to its BOM (made on its first line), whose `base_qty` every line repeats.
    fn add(&mut self, row: &Row<'_>, one: Bom) -> Result<(), ImportError> {
        let Bom {
            parent,
            revision,
            base_qty,
            lines,
        } = one;
        let Some(line) = lines.into_iter().next() else {
            return Ok(());
        };
        self.edge_lines
            .entry(Edge {
                parent: parent.clone(),
                component: line.component.clone(),
            })
            .or_insert(row.line);
        let key = (parent.clone(), revision.clone());
        match self
            .list
            .iter_mut()
            .find(|b| b.parent == parent && b.revision == revision)
        {
            Some(b) if b.base_qty != base_qty => {
                return Err(row.err(RowProblem::BaseQtyDiffers {
                    base_qty,
                    first: b.base_qty,
                    first_line: self.first_line.get(&key).copied().unwrap_or(0),
                }));
            }
            Some(b) => b.lines.push(line),
            None => {
                self.first_line.insert(key, row.line);
                self.list.push(Bom {
                    parent,
                    revision,
                    base_qty,
                    lines: vec![line],
                });
            }
        }
        Ok(())
    }
}

pub(super) fn read_boms(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut boms = Boms::default();
    let mut seen = HashSet::new();
    for row in rows {
        let parent = row.required("parent")?;
        let revision = row.opt("revision").unwrap_or_else(|| "1".to_string());
        let line = row.required("line")?;
        unique(
            &mut seen,
            row,
            Duplicate::BomLine {
                parent: parent.clone(),
                revision: revision.clone(),
                line: line.clone(),
            },
        )?;
        if !plan.master.items.contains_key(parent.as_str()) {
            return Err(row.err(RowProblem::UnknownItem {
                item: parent.to_string(),
            }));
        }
        let (base_qty, bom_line) = bom_line(plan, row, &parent, line)?;
        let one = Bom {
            parent: parent.as_str().into(),
            revision,
            base_qty,
            lines: vec![bom_line],
        };
        boms.add(row, one)?;
    }
    for b in &boms.list {
        plan.master
            .boms
            .insert((b.parent.clone(), b.revision.clone()), b.clone());
    }
    refuse_cycles(plan, &boms.edge_lines)?;
    plan.boms = boms.list;
    Ok(())
}

/// One row's `base_qty` and BOM line: its component, quantity, unit and issue location
/// checked.
fn bom_line(
    plan: &Plan,
    row: &Row<'_>,
    parent: &str,
    line: String,
) -> Result<(Quantity, BomLine), ImportError> {
    let component = row.required("component")?;
    let comp = plan.master.items.get(component.as_str()).ok_or_else(|| {
        row.err(RowProblem::UnknownItem {
            item: component.to_string(),
        })
    })?;
    if component == parent {
        return Err(row.err(RowProblem::Cycle(vec![
            parent.to_string(),
            parent.to_string(),
        ])));
    }
    let per = row.word("per", Per::Unit, Per::parse, Per::words())?;
    if comp.item_type == ItemType::Phantom && per != Per::Unit {
        return Err(row.err(RowProblem::PhantomPer {
            component: component.clone(),
            per,
        }));
    }
    let supply_location = row.opt("supply_location");
    if let Some(l) = &supply_location
        && !plan.master.locations.contains_key(l.as_str())
    {
        return Err(row.err(RowProblem::UnknownLocation {
            location: l.to_string(),
        }));
    }
    let base_qty = row.positive("base_qty", Some(Decimal::ONE))?;
    let qty = row.positive("qty", None)?;
    let uom = row.opt("uom");
    if let Some(u) = &uom {
        check_conversion(plan, row, &line, comp, u, LineQty { qty, base_qty })?;
    }
    let bom_line = BomLine {
        line,
        component: component.into(),
        qty,
        per,
        scrap_pct: row.decimal("scrap_pct", Some(Decimal::ZERO))?,
        operation: row.integer("operation")?,
        backflush: row.flag("backflush")?,
        supply_location: supply_location.map(LocationCode::from),
        uom,
    };
    Ok((base_qty, bom_line))
}

/// A BOM line's quantity and its BOM's base quantity, as the row gives them.
#[derive(Debug, Clone, Copy)]
struct LineQty {
    qty: Quantity,
    base_qty: Quantity,
}

/// A line given in another unit than its component's: the conversion exists and the
/// converted ratio does not overflow.
fn check_conversion(
    plan: &Plan,
    row: &Row<'_>,
    line: &str,
    comp: &Item,
    uom: &str,
    given: LineQty,
) -> Result<(), ImportError> {
    let LineQty { qty, base_qty } = given;
    let component = &comp.item;
    let ratio = plan
        .master
        .conversions
        .ratio(component, uom, &comp.uom)
        .ok_or_else(|| {
            row.err(RowProblem::NoConversion {
                line: line.to_string(),
                from: uom.to_string(),
                to: comp.uom.to_string(),
                component: component.to_string(),
            })
        })?;
    let (num, den) = (ratio.num, ratio.den);
    if qty.checked_mul(num).is_none() || base_qty.checked_mul(den).is_none() {
        return Err(row.err(RowProblem::ConversionOverflows {
            line: line.to_string(),
            qty,
            from: uom.to_string(),
            to: comp.uom.to_string(),
            num: Quantity(num),
            den: Quantity(den),
        }));
    }
    Ok(())
}

/// The stored and imported BOMs together form no cycle; one is named at the line of its
/// first edge in the file.
fn refuse_cycles(plan: &Plan, edge_lines: &HashMap<Edge, u64>) -> Result<(), ImportError> {
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    for b in plan.master.boms.values() {
        let list = edges.entry(b.parent.to_string()).or_default();
        list.extend(b.lines.iter().map(|l| l.component.to_string()));
        list.sort();
        list.dedup();
    }
    if let Some(cycle) = find_cycle(&edges) {
        let line = cycle
            .windows(2)
            .find_map(|w| {
                let edge = Edge {
                    parent: ItemCode::from(w[0].as_str()),
                    component: ItemCode::from(w[1].as_str()),
                };
                edge_lines.get(&edge).copied()
            })
            .unwrap_or(1);
        return Err(ImportError::Row {
            file: "boms.csv".to_string(),
            line,
            problem: Box::new(RowProblem::Cycle(cycle)),
        });
    }
    Ok(())
}

pub(super) fn read_routings(plan: &mut Plan, rows: &[Row<'_>]) -> Result<(), ImportError> {
    let mut routings: Vec<Routing> = Vec::new();
    let mut seen = HashSet::new();
    for row in rows {
        let parent = row.required("parent")?;
        if !plan.master.items.contains_key(parent.as_str()) {
            return Err(row.err(RowProblem::UnknownItem {
                item: parent.to_string(),
            }));
        }
        let revision = row.opt("revision").unwrap_or_else(|| "1".to_string());
        let operation = row.integer("operation")?.ok_or_else(|| {
            row.err(RowProblem::Missing {
                column: "operation".to_string(),
            })
        })?;
        unique(
            &mut seen,
            row,
            Duplicate::RoutingOperation {
                parent: parent.clone(),
                revision: revision.clone(),
                operation,
            },
        )?;
        let work_center = row.required("work_center")?;
        if !plan.master.work_centers.contains_key(&work_center) {
            return Err(row.err(RowProblem::UnknownWorkCenter { work_center }));
        }
        let op = RoutingOperation {
            operation,
            work_center,
            setup_hours: row.decimal("setup_hours", Some(Decimal::ZERO))?,
            run_hours: row.decimal("run_hours", Some(Decimal::ZERO))?,
            count_point: row.flag("count_point")?.unwrap_or(true),
        };
        match routings
            .iter_mut()
            .find(|r| r.parent == parent && r.revision == revision)
        {
            Some(r) => r.operations.push(op),
            None => routings.push(Routing {
                parent: parent.into(),
                revision,
                operations: vec![op],
            }),
        }
    }
    for r in &routings {
        plan.master
            .routings
            .insert((r.parent.clone(), r.revision.clone()), r.clone());
    }
    plan.routings = routings;
    Ok(())
}
