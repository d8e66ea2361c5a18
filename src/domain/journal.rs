//! Journal lines: every posting writes balanced debits and credits to accounts whose names
//! come from the configuration.

use rust_decimal::Decimal;

/// The roles of the accounts of SPEC §7 `[accounts]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Account {
    RawMaterial,
    Wip,
    FinishedGoods,
    LaborAbsorbed,
    OverheadAbsorbed,
    ScrapExpense,
    InventoryAdjustment,
}

/// One journal line.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub account: Account,
    pub debit: Decimal,
    pub credit: Decimal,
    pub memo: &'static str,
}

impl Posting {
    /// Appends a balanced debit/credit pair; nothing for a zero amount. A negative amount
    /// swaps the sides so both stay non-negative.
    pub fn pair(
        out: &mut Vec<Posting>,
        debit: Account,
        credit: Account,
        amount: Decimal,
        memo: &'static str,
    ) {
        if amount.is_zero() {
            return;
        }
        let (debit, credit, amount) = if amount.is_sign_negative() {
            (credit, debit, -amount)
        } else {
            (debit, credit, amount)
        };
        out.push(Posting {
            account: debit,
            debit: amount,
            credit: Decimal::ZERO,
            memo,
        });
        out.push(Posting {
            account: credit,
            debit: Decimal::ZERO,
            credit: amount,
            memo,
        });
    }

    /// The same line with its sides swapped: what a reversal posts.
    #[must_use]
    pub fn reversed(&self) -> Posting {
        Posting {
            account: self.account,
            debit: self.credit,
            credit: self.debit,
            memo: self.memo,
        }
    }
}

/// True when the debits equal the credits.
#[must_use]
pub fn balanced(lines: &[Posting]) -> bool {
    let debit: Decimal = lines.iter().map(|l| l.debit).sum();
    let credit: Decimal = lines.iter().map(|l| l.credit).sum();
    debit == credit
}

/// The account names of the configuration, by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountNames {
    pub raw_material: String,
    pub wip: String,
    pub finished_goods: String,
    pub labor_absorbed: String,
    pub overhead_absorbed: String,
    pub scrap_expense: String,
    pub inventory_adjustment: String,
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
