//! The operator's overrides of a preview: a line's quantity, line scrap, location,
//! skip, and its lots.

use super::stock::NamedLots;
use super::{
    Change, ChangeKind, LineStatus, Lookup, Override, OverrideProblem, PlannedLine, QtyField,
    ReportError, check_quantity,
};
use crate::domain::order::Order;
use crate::domain::qty::Quantity;
/// What a line key found no single line for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyMiss {
    /// No line has that id, and none that item.
    Nothing,
    /// The item is on these lines (their indices, in order): the line id is needed.
    Many(Vec<usize>),
}

/// What names a line: its own id, and the item it is for.
pub struct LineNames<'a> {
    pub id: &'a str,
    pub item: &'a str,
}

/// The one line a key names among `lines`: the line whose id is the key, else the one line
/// of the item the key is. `id_and_item` reads a line's id and its item. Reports, orders and
/// posted reports all name their lines this way.
///
/// # Errors
/// No such line, or the item on more than one line.
pub fn line_by_key<T>(
    lines: &[T],
    key: &str,
    id_and_item: impl Fn(&T) -> LineNames<'_>,
) -> Result<usize, KeyMiss> {
    if let Some(i) = lines.iter().position(|l| id_and_item(l).id == key) {
        return Ok(i);
    }
    let matches: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| id_and_item(l).item == key)
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(KeyMiss::Nothing),
        _ => Err(KeyMiss::Many(matches)),
    }
}

/// Resolves an override key (line id, else item code) to the index of a line of the report.
///
/// # Errors
/// No such line, or an item code on two lines.
pub fn resolve_key(
    order: &Order,
    operation: i64,
    lines: &[PlannedLine],
    key: &str,
) -> Result<usize, ReportError> {
    line_by_key(lines, key, |l| LineNames {
        id: &l.line,
        item: &l.item,
    })
    .map_err(|miss| match miss {
        KeyMiss::Nothing => ReportError::UnknownLine {
            key: key.to_string(),
            order: order.order.to_string(),
            operation,
        },
        KeyMiss::Many(many) => ReportError::AmbiguousKey {
            key: key.to_string(),
            lines: many
                .iter()
                .filter_map(|&i| lines.get(i))
                .map(|l| l.line.clone())
                .collect(),
        },
    })
}

/// Applies the overrides to the lines; returns the lots named per line (`--lot`), checked
/// later against the stock. On a manual line a quantity is the hand issue, not an
/// override.
pub(super) fn apply_overrides(
    order: &Order,
    operation: i64,
    lines: &mut [PlannedLine],
    overrides: &[Override],
    lookup: &dyn Lookup,
) -> Result<Vec<NamedLots>, ReportError> {
    let mut seen: Vec<(usize, ChangeKind)> = Vec::new();
    let mut named_lots = Vec::new();
    for o in overrides {
        let i = resolve_key(order, operation, lines, &o.key)?;
        let line = &mut lines[i];
        let kind = check_combination(line, &o.change, &seen, i)?;
        seen.push((i, kind));
        if let Change::Lots(text) = &o.change {
            named_lots.push(NamedLots {
                line: i,
                lots: text.clone(),
            });
            continue;
        }
        apply_change(line, &o.change, lookup)?;
        // The hand issue of a manual line is not an override.
        if line.status != LineStatus::Manual {
            line.overridden = true;
        }
    }
    Ok(named_lots)
}

/// Refuses an override that cannot go with the line or with its other overrides: line scrap
/// or a skip on a manual line, two of a kind, a skip with anything else. Returns its kind.
fn check_combination(
    line: &PlannedLine,
    change: &Change,
    seen: &[(usize, ChangeKind)],
    i: usize,
) -> Result<ChangeKind, ReportError> {
    if line.status == LineStatus::Manual && matches!(change, Change::LineScrap(_) | Change::Skip) {
        return Err(ReportError::ManualOverride {
            line: line.line.clone(),
            item: line.item.to_string(),
        });
    }
    let kind = change.kind();
    if seen.contains(&(i, kind)) {
        return Err(ReportError::DuplicateOverride {
            line: line.line.clone(),
            kind,
        });
    }
    let skipped = seen.iter().any(|&(j, k)| j == i && k == ChangeKind::Skip);
    let other = seen.iter().any(|&(j, _)| j == i);
    if (kind == ChangeKind::Skip && other) || skipped {
        return Err(ReportError::SkipWithOverride {
            line: line.line.clone(),
        });
    }
    Ok(kind)
}

/// Changes the line as one override asks (lots are taken later, against the stock).
fn apply_change(
    line: &mut PlannedLine,
    change: &Change,
    lookup: &dyn Lookup,
) -> Result<(), ReportError> {
    let manual = line.status == LineStatus::Manual;
    let bad = |line: &PlannedLine, reason: OverrideProblem| ReportError::BadOverride {
        line: line.line.clone(),
        reason,
    };
    match change {
        Change::Qty(q) | Change::LineScrap(q) => {
            let field = match (change, manual) {
                (Change::Qty(_), true) => QtyField::HandIssue,
                (Change::Qty(_), false) => QtyField::Override,
                _ => QtyField::LineScrap,
            };
            check_quantity(field, *q, line.derivation.decimals).map_err(|e| match e {
                ReportError::BadQuantity {
                    field,
                    value,
                    reason,
                } => bad(
                    line,
                    OverrideProblem::Quantity {
                        field,
                        value,
                        reason,
                    },
                ),
                other => other,
            })?;
            if let Change::Qty(q) = change {
                line.qty = *q;
            } else {
                line.line_scrap = *q;
            }
        }
        Change::Location(_) if line.non_stock => {
            let reason = OverrideProblem::NonStock {
                item: line.item.clone(),
            };
            return Err(bad(line, reason));
        }
        Change::Location(l) => {
            if !lookup.location_exists(l) {
                return Err(bad(
                    line,
                    OverrideProblem::UnknownLocation {
                        location: l.to_string(),
                    },
                ));
            }
            line.location = l.as_str().into();
            line.location_source = super::LocationSource::Override;
            (line.on_hand, line.expired_on_hand) =
                super::stock::usable_on_hand(lookup, &line.item, l);
        }
        Change::Skip => {
            line.qty = Quantity::ZERO;
            line.status = LineStatus::Skipped;
        }
        Change::Lots(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod key_tests {
    use super::{KeyMiss, LineNames, line_by_key};

    const LINES: [(&str, &str); 4] = [("10", "C1"), ("20", "C2"), ("30", "C2"), ("C2", "C3")];

    fn find(key: &str) -> Result<usize, KeyMiss> {
        line_by_key(&LINES, key, |&(id, item)| LineNames { id, item })
    }

    #[test]
    fn a_key_is_a_line_id_first_then_the_one_line_of_an_item() {
        assert_eq!(find("20"), Ok(1));
        assert_eq!(find("C1"), Ok(0));
        // A line id wins over an item code that is on two lines.
        assert_eq!(find("C2"), Ok(3));
        assert_eq!(find("C3"), Ok(3));
        assert_eq!(find("NOPE"), Err(KeyMiss::Nothing));
    }

    #[test]
    fn an_item_on_two_lines_names_both() {
        let lines = [("10", "C1"), ("20", "C2"), ("30", "C2")];
        assert_eq!(
            line_by_key(&lines, "C2", |&(id, item)| LineNames { id, item }),
            Err(KeyMiss::Many(vec![1, 2]))
        );
    }
}
