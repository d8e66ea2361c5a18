//! Work in process per order, from the order's journal lines: what its postings put into WIP
//! (material, labor, overhead) and took out of it (finished goods received, units scrapped,
//! the settlement of a close), each column read from the role of the other side of a WIP
//! line, never from an account's name (an admin may rename one).

use crate::domain::journal::Account;
use crate::domain::qty::Money;

/// One journal line of an order as the journal keeps it: its entry, its place in the entry,
/// its account's role (none for a line whose name no role knew) and its sides.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLine {
    pub entry: i64,
    pub seq: i64,
    pub role: Option<Account>,
    pub debit: Money,
    pub credit: Money,
}

/// The WIP of an order by column: each the net amount in its own direction (material, labor
/// and overhead put in; received, scrapped and settled taken out).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WipColumns {
    pub material: Money,
    pub labor: Money,
    pub overhead: Money,
    pub received: Money,
    pub scrapped: Money,
    pub settled: Money,
}

impl WipColumns {
    /// material + labor + overhead − received − scrapped − settled: what the order holds in
    /// WIP (equal to its WIP lines' debits less credits).
    #[must_use]
    pub fn wip(&self) -> Money {
        self.material
            .saturating_add(self.labor)
            .saturating_add(self.overhead)
            .saturating_sub(self.received)
            .saturating_sub(self.scrapped)
            .saturating_sub(self.settled)
    }

    /// The column sums of two sets of columns (the totals of many orders).
    #[must_use]
    pub fn plus(self, other: WipColumns) -> WipColumns {
        WipColumns {
            material: self.material.saturating_add(other.material),
            labor: self.labor.saturating_add(other.labor),
            overhead: self.overhead.saturating_add(other.overhead),
            received: self.received.saturating_add(other.received),
            scrapped: self.scrapped.saturating_add(other.scrapped),
            settled: self.settled.saturating_add(other.settled),
        }
    }
}

/// Which column a WIP line falls in, by the role of the other side of its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Material,
    Labor,
    Overhead,
    Received,
    Scrapped,
    Settled,
}

fn column(other: Option<Account>) -> Column {
    match other {
        Some(Account::LaborAbsorbed) => Column::Labor,
        Some(Account::OverheadAbsorbed) => Column::Overhead,
        Some(Account::FinishedGoods) => Column::Received,
        Some(Account::ScrapExpense) => Column::Scrapped,
        Some(Account::MaterialUsageVariance | Account::ProductionVariance) => Column::Settled,
        // Raw and non-stock material are what the material column holds; a side no other
        // column names (an inventory adjustment, a name no role knew) stays with material, so
        // the columns always add up to the WIP lines.
        Some(
            Account::RawMaterial
            | Account::NonStockMaterial
            | Account::InventoryAdjustment
            | Account::Wip,
        )
        | None => Column::Material,
    }
}

/// The WIP columns of one order's journal lines, in entry and line order. Every entry is
/// written as pairs of a debit and its credit (lines 0 and 1, 2 and 3, …), and a reversal
/// keeps the pairs in place, so the other side of a line is its partner in its pair.
#[must_use]
pub fn columns(lines: &[OrderLine]) -> WipColumns {
    let mut out = WipColumns::default();
    for line in lines.iter().filter(|l| l.role == Some(Account::Wip)) {
        let partner = line.seq + 1 - 2 * (line.seq % 2);
        let other = lines
            .iter()
            .find(|l| l.entry == line.entry && l.seq == partner)
            .and_then(|l| l.role);
        let net_in = line.debit.saturating_sub(line.credit);
        let net_out = line.credit.saturating_sub(line.debit);
        let slot = match column(other) {
            Column::Material => (&mut out.material, net_in),
            Column::Labor => (&mut out.labor, net_in),
            Column::Overhead => (&mut out.overhead, net_in),
            Column::Received => (&mut out.received, net_out),
            Column::Scrapped => (&mut out.scrapped, net_out),
            Column::Settled => (&mut out.settled, net_out),
        };
        *slot.0 = slot.0.saturating_add(slot.1);
    }
    out
}

/// An order's status: released (it takes postings) or closed (its WIP settled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    Released,
    Closed,
}

text_enum!(OrderStatus {
    Released => "released",
    Closed => "closed",
});

/// How an order closed: complete when the good at its last operation reached the order
/// quantity, else short (which needs a reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClosedAs {
    Complete,
    Short,
}

text_enum!(ClosedAs {
    Complete => "complete",
    Short => "short",
});

impl ClosedAs {
    /// Short when `good` at the last operation is below the order quantity `qty`.
    #[must_use]
    pub fn of(good: crate::domain::qty::Quantity, qty: crate::domain::qty::Quantity) -> Self {
        if good < qty {
            ClosedAs::Short
        } else {
            ClosedAs::Complete
        }
    }
}

/// Whether the board marks an order ready to close: the good at its last operation reached
/// the order quantity and nothing of it waits in the exception queue.
#[must_use]
pub fn ready_to_close(
    good: crate::domain::qty::Quantity,
    qty: crate::domain::qty::Quantity,
    waiting: bool,
) -> bool {
    ClosedAs::of(good, qty) == ClosedAs::Complete && !waiting
}

/// What a close settles: the order's WIP, split into the material usage variance (the
/// order's material variance, as `variance` computes it) and the production variance (the
/// rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    pub wip: Money,
    pub material_usage_variance: Money,
    pub production_variance: Money,
}

impl Settlement {
    /// The settlement of `wip` with the order's material variance.
    #[must_use]
    pub fn of(wip: Money, material_variance: Money) -> Self {
        Settlement {
            wip,
            material_usage_variance: material_variance,
            production_variance: wip.saturating_sub(material_variance),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn m(text: &str) -> Money {
        Money(text.parse::<Decimal>().unwrap_or_default())
    }

    fn pair(entry: i64, seq: i64, debit: Account, credit: Account, amount: &str) -> [OrderLine; 2] {
        [
            OrderLine {
                entry,
                seq,
                role: Some(debit),
                debit: m(amount),
                credit: Money::ZERO,
            },
            OrderLine {
                entry,
                seq: seq + 1,
                role: Some(credit),
                debit: Money::ZERO,
                credit: m(amount),
            },
        ]
    }

    #[test]
    fn each_wip_line_falls_in_the_column_of_its_other_side() {
        let mut lines = Vec::new();
        lines.extend(pair(1, 0, Account::Wip, Account::RawMaterial, "40"));
        lines.extend(pair(1, 2, Account::Wip, Account::LaborAbsorbed, "12.5"));
        lines.extend(pair(1, 4, Account::Wip, Account::OverheadAbsorbed, "7.5"));
        lines.extend(pair(1, 6, Account::FinishedGoods, Account::Wip, "50"));
        lines.extend(pair(1, 8, Account::ScrapExpense, Account::Wip, "5"));
        lines.extend(pair(2, 0, Account::Wip, Account::NonStockMaterial, "3"));
        // A return of material (a negative issue swaps the sides).
        lines.extend(pair(3, 0, Account::RawMaterial, Account::Wip, "1"));
        lines.extend(pair(4, 0, Account::ProductionVariance, Account::Wip, "2"));
        let c = columns(&lines);
        assert_eq!(
            c,
            WipColumns {
                material: m("42"),
                labor: m("12.5"),
                overhead: m("7.5"),
                received: m("50"),
                scrapped: m("5"),
                settled: m("2"),
            }
        );
        assert_eq!(c.wip(), m("5"));
        let balance: Money = lines
            .iter()
            .filter(|l| l.role == Some(Account::Wip))
            .map(|l| l.debit - l.credit)
            .sum();
        assert_eq!(balance, c.wip());
    }

    #[test]
    fn a_settlement_splits_wip_and_short_and_ready_follow_the_last_operation() {
        let s = Settlement::of(m("50.1976"), m("-1.25"));
        assert_eq!(s.production_variance, m("51.4476"));
        assert_eq!(
            s.material_usage_variance
                .saturating_add(s.production_variance),
            s.wip
        );
        let q = |t: &str| crate::domain::qty::Quantity(t.parse::<Decimal>().unwrap_or_default());
        assert_eq!(ClosedAs::of(q("5"), q("10")), ClosedAs::Short);
        assert_eq!(ClosedAs::of(q("10"), q("10")), ClosedAs::Complete);
        assert!(ready_to_close(q("11"), q("10"), false));
        assert!(!ready_to_close(q("10"), q("10"), true));
        assert!(!ready_to_close(q("9"), q("10"), false));
    }
}
