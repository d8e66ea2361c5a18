//! Journal lines: every posting writes balanced debits and credits to accounts whose names
//! come from the configuration.

use crate::domain::qty::Money;

/// The roles of the accounts of `[accounts]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Account {
    RawMaterial,
    Wip,
    FinishedGoods,
    LaborAbsorbed,
    OverheadAbsorbed,
    ScrapExpense,
    InventoryAdjustment,
    /// Non-stock material issued to an order by hand.
    NonStockMaterial,
    /// What an order used above (or below) its material standard, settled when it closes.
    MaterialUsageVariance,
    /// The rest of an order's WIP when it closes.
    ProductionVariance,
}

// The role's word is its `[accounts]` key: a journal line keeps it beside the name it was
// written with, so a renamed account never hides a line.
text_enum!(Account {
    RawMaterial => "raw_material",
    Wip => "wip",
    FinishedGoods => "finished_goods",
    LaborAbsorbed => "labor_absorbed",
    OverheadAbsorbed => "overhead_absorbed",
    ScrapExpense => "scrap_expense",
    InventoryAdjustment => "inventory_adjustment",
    NonStockMaterial => "non_stock_material",
    MaterialUsageVariance => "material_usage_variance",
    ProductionVariance => "production_variance",
});

/// Why a posting wrote a journal line: kept in the journal as its code, worded by the faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JournalNote {
    MaterialIssued,
    NonStockMaterialIssued,
    LaborAbsorbed,
    OverheadAbsorbed,
    FinishedGoodsReceived,
    ParentUnitsScrapped,
    LeadScrapAdjustment,
    DeferredMaterialIssued,
    MaterialIssuedByHand,
    MaterialReturnedByHand,
    Transfer,
    InventoryAdjustment,
    SubstitutedComponentReturned,
    SubstituteIssued,
    MaterialUsageVarianceSettled,
    ProductionVarianceSettled,
}

text_enum!(JournalNote {
    MaterialIssued => "material_issued",
    NonStockMaterialIssued => "non_stock_material_issued",
    LaborAbsorbed => "labor_absorbed",
    OverheadAbsorbed => "overhead_absorbed",
    FinishedGoodsReceived => "finished_goods_received",
    ParentUnitsScrapped => "parent_units_scrapped",
    LeadScrapAdjustment => "lead_scrap_adjustment",
    DeferredMaterialIssued => "deferred_material_issued",
    MaterialIssuedByHand => "material_issued_by_hand",
    MaterialReturnedByHand => "material_returned_by_hand",
    Transfer => "transfer",
    InventoryAdjustment => "inventory_adjustment",
    SubstitutedComponentReturned => "substituted_component_returned",
    SubstituteIssued => "substitute_issued",
    MaterialUsageVarianceSettled => "material_usage_variance_settled",
    ProductionVarianceSettled => "production_variance_settled",
});

/// A journal line's memo as the journal keeps it: a note's code on every line written now;
/// the text an earlier version wrote (in English, before notes had codes) kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Memo {
    Note(JournalNote),
    /// A line reversing one with that note.
    Reversal(JournalNote),
    /// Written by an earlier version: its own text, never rewritten.
    Kept(String),
}

/// The stored code of a reversal's memo: this prefix, then the reversed line's note.
const REVERSAL_PREFIX: &str = "reversal:";

impl Memo {
    /// The memo as the journal stores it.
    #[must_use]
    pub fn stored(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Memo::Note(n) => n.as_str().into(),
            Memo::Reversal(n) => format!("{REVERSAL_PREFIX}{}", n.as_str()).into(),
            Memo::Kept(text) => text.as_str().into(),
        }
    }

    /// A stored memo read back: a code this version writes, else an earlier version's text.
    #[must_use]
    pub fn read(stored: &str) -> Memo {
        if let Some(note) = JournalNote::parse(stored) {
            return Memo::Note(note);
        }
        if let Some(note) = stored
            .strip_prefix(REVERSAL_PREFIX)
            .and_then(JournalNote::parse)
        {
            return Memo::Reversal(note);
        }
        Memo::Kept(stored.to_string())
    }

    /// The memo of the line that reverses this one. An earlier version's text gets the
    /// prefix that version gave it, so a reversal reads as it always did.
    #[must_use]
    pub fn reversed(&self) -> Memo {
        match self {
            Memo::Note(n) | Memo::Reversal(n) => Memo::Reversal(*n),
            Memo::Kept(text) => Memo::Kept(format!("{REVERSAL_PREFIX} {text}")),
        }
    }
}

/// One journal line.
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    pub account: Account,
    pub debit: Money,
    pub credit: Money,
    pub memo: JournalNote,
}

impl Booking {
    /// Appends a balanced debit/credit pair; nothing for a zero amount. A negative amount
    /// swaps the sides so both stay non-negative.
    pub fn pair(
        out: &mut Vec<Booking>,
        debit: Account,
        credit: Account,
        amount: Money,
        memo: JournalNote,
    ) {
        if amount.is_zero() {
            return;
        }
        let (debit, credit, amount) = if amount.is_sign_negative() {
            (credit, debit, -amount)
        } else {
            (debit, credit, amount)
        };
        out.push(Booking {
            account: debit,
            debit: amount,
            credit: Money::ZERO,
            memo,
        });
        out.push(Booking {
            account: credit,
            debit: Money::ZERO,
            credit: amount,
            memo,
        });
    }

    /// The same line with its sides swapped: what a reversal posts.
    #[must_use]
    pub fn reversed(&self) -> Booking {
        Booking {
            account: self.account,
            debit: self.credit,
            credit: self.debit,
            memo: self.memo,
        }
    }
}

/// True when the debits equal the credits.
#[must_use]
pub fn balanced(lines: &[Booking]) -> bool {
    let debit: Money = lines.iter().map(|l| l.debit).sum();
    let credit: Money = lines.iter().map(|l| l.credit).sum();
    debit == credit
}

/// The account names of the configuration, by role (its `[accounts]`: every key optional,
/// an unknown one refused).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountNames {
    pub raw_material: String,
    pub wip: String,
    pub finished_goods: String,
    pub labor_absorbed: String,
    pub overhead_absorbed: String,
    pub scrap_expense: String,
    pub inventory_adjustment: String,
    pub non_stock_material: String,
    pub material_usage_variance: String,
    pub production_variance: String,
}

impl Default for AccountNames {
    fn default() -> Self {
        AccountNames {
            raw_material: "1300 Raw materials".into(),
            wip: "1400 Work in process".into(),
            finished_goods: "1500 Finished goods".into(),
            labor_absorbed: "5100 Labor absorbed".into(),
            overhead_absorbed: "5200 Overhead absorbed".into(),
            scrap_expense: "5300 Scrap".into(),
            inventory_adjustment: "5400 Inventory adjustments".into(),
            non_stock_material: "5500 Non-stock materials".into(),
            material_usage_variance: "5600 Material usage variance".into(),
            production_variance: "5700 Production variance".into(),
        }
    }
}

impl AccountNames {
    /// The configured name of a role.
    #[must_use]
    pub fn name(&self, account: Account) -> &str {
        match account {
            Account::RawMaterial => &self.raw_material,
            Account::Wip => &self.wip,
            Account::FinishedGoods => &self.finished_goods,
            Account::LaborAbsorbed => &self.labor_absorbed,
            Account::OverheadAbsorbed => &self.overhead_absorbed,
            Account::ScrapExpense => &self.scrap_expense,
            Account::InventoryAdjustment => &self.inventory_adjustment,
            Account::NonStockMaterial => &self.non_stock_material,
            Account::MaterialUsageVariance => &self.material_usage_variance,
            Account::ProductionVariance => &self.production_variance,
        }
    }
}

/// The inventory account of stock held at a location of `kind`.
#[must_use]
pub fn inventory_account(kind: super::master::LocationKind) -> Account {
    match kind {
        super::master::LocationKind::Finished => Account::FinishedGoods,
        _ => Account::RawMaterial,
    }
}

/// Non-stock material issued by hand: WIP ← non-stock materials at standard (a negative
/// value returns it).
#[must_use]
pub fn non_stock_issued(value: Money) -> Vec<Booking> {
    let mut out = Vec::new();
    Booking::pair(
        &mut out,
        Account::Wip,
        Account::NonStockMaterial,
        value,
        JournalNote::NonStockMaterialIssued,
    );
    out
}

/// Material issued to an order outside a report's own journal (a deferred line when it
/// posts, a lead's scrap adjustment): WIP ← raw material at standard. A negative value
/// (a correction) returns it.
#[must_use]
pub fn material_issued(value: Money, memo: JournalNote) -> Vec<Booking> {
    let mut out = Vec::new();
    Booking::pair(&mut out, Account::Wip, Account::RawMaterial, value, memo);
    out
}

/// Stock moved between locations held on different inventory accounts; nothing when both
/// are the same account.
#[must_use]
pub fn transfer(from: Account, to: Account, value: Money) -> Vec<Booking> {
    let mut out = Vec::new();
    if from != to {
        Booking::pair(&mut out, to, from, value, JournalNote::Transfer);
    }
    out
}

/// A balance set by an adjustment (opening stock, a re-imported balance, a count) of
/// `value` at standard (negative: a loss).
#[must_use]
pub fn adjustment(account: Account, value: Money) -> Vec<Booking> {
    let mut out = Vec::new();
    Booking::pair(
        &mut out,
        account,
        Account::InventoryAdjustment,
        value,
        JournalNote::InventoryAdjustment,
    );
    out
}

/// A substitution: the returned component back to stock, the substitute into WIP.
#[must_use]
pub fn substitution(returned_value: Money, issued_value: Money) -> Vec<Booking> {
    let mut out = Vec::new();
    Booking::pair(
        &mut out,
        Account::RawMaterial,
        Account::Wip,
        returned_value,
        JournalNote::SubstitutedComponentReturned,
    );
    Booking::pair(
        &mut out,
        Account::Wip,
        Account::RawMaterial,
        issued_value,
        JournalNote::SubstituteIssued,
    );
    out
}

/// A stored journal line (accounts by their configured name).
#[derive(Debug, Clone, PartialEq)]
pub struct JournalLine {
    pub account: String,
    pub debit: Money,
    pub credit: Money,
    pub memo: Memo,
}

/// The lines that reverse a stored entry: the same accounts, sides swapped.
#[must_use]
pub fn reversal_of(lines: &[JournalLine]) -> Vec<JournalLine> {
    lines
        .iter()
        .map(|l| JournalLine {
            account: l.account.clone(),
            debit: l.credit,
            credit: l.debit,
            memo: l.memo.reversed(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn every_movement_journal_balances_and_a_reversal_swaps_sides() {
        let ten = Money(Decimal::from(10));
        for lines in [
            material_issued(ten, JournalNote::MaterialIssued),
            material_issued(-ten, JournalNote::MaterialIssued),
            transfer(Account::RawMaterial, Account::FinishedGoods, ten),
            adjustment(Account::RawMaterial, -ten),
            substitution(ten, Money(Decimal::from(3))),
        ] {
            assert!(balanced(&lines), "{lines:?}");
            assert!(!lines.is_empty());
        }
        assert!(transfer(Account::RawMaterial, Account::RawMaterial, ten).is_empty());
        let stored = [JournalLine {
            account: "1400".into(),
            debit: ten,
            credit: Money::ZERO,
            memo: Memo::read("material issued"),
        }];
        let back = reversal_of(&stored);
        assert_eq!(back[0].credit, ten);
        // An earlier version's text is kept and reversed as that version did it.
        assert_eq!(back[0].memo.stored(), "reversal: material issued");
        let noted = [JournalLine {
            memo: Memo::read("parent_units_scrapped"),
            ..stored[0].clone()
        }];
        let back = reversal_of(&noted);
        assert_eq!(
            back[0].memo,
            Memo::Reversal(JournalNote::ParentUnitsScrapped)
        );
        assert_eq!(back[0].memo.stored(), "reversal:parent_units_scrapped");
        assert_eq!(Memo::read("reversal:parent_units_scrapped"), back[0].memo);
    }
}
