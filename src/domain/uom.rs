//! Units of measure on BOM lines: the conversions of `uom_conversions.csv` and the
//! exact ratio a BOM line's quantity is multiplied by to reach its component's unit.
//!
//! A conversion is never applied as a rounded decimal: it is kept as a ratio `num / den`
//! (`1 from = factor to` gives `factor / 1` one way and `1 / factor` the other), whose
//! numerator joins the BOM quantities and whose denominator joins the base quantities, so the
//! requirement is still computed with one division and rounded up once, in the component's
//! unit and decimals.

use std::collections::HashMap;

use rust_decimal::Decimal;

/// One row of `uom_conversions.csv`: 1 `from_uom` = `factor` `to_uom`, for `item` (`None` =
/// every item).
#[derive(Debug, Clone, PartialEq)]
pub struct UomConversion {
    pub item: Option<String>,
    pub from_uom: String,
    pub to_uom: String,
    pub factor: Decimal,
}

/// An exact conversion factor `num / den`: a quantity in the line's unit times `num / den` is
/// the quantity in the component's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub num: Decimal,
    pub den: Decimal,
}

impl Ratio {
    /// No conversion.
    pub const ONE: Ratio = Ratio {
        num: Decimal::ONE,
        den: Decimal::ONE,
    };

    /// True when the ratio changes nothing.
    #[must_use]
    pub fn is_one(&self) -> bool {
        self.num == self.den
    }

    /// The product of two ratios, `None` when a part would overflow.
    #[must_use]
    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        Some(Ratio {
            num: self.num.checked_mul(other.num)?,
            den: self.den.checked_mul(other.den)?,
        })
    }
}

/// Why a conversion row cannot join the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConversionConflict {
    /// The same item and pair with another factor.
    Differs { factor: Decimal },
    /// The reverse pair whose factor is not the reciprocal.
    Reverse { factor: Decimal },
}

/// The conversions in force, by what each converts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conversions {
    rows: HashMap<Pair, Decimal>,
}

/// What a conversion converts: for one item (`None` every item), from a unit to another.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Pair {
    item: Option<String>,
    from: String,
    to: String,
}

impl Pair {
    fn new(item: Option<&str>, from: &str, to: &str) -> Self {
        Pair {
            item: item.map(str::to_string),
            from: from.to_string(),
            to: to.to_string(),
        }
    }
}

impl Conversions {
    /// Every row, in no particular order.
    pub fn rows(&self) -> impl Iterator<Item = UomConversion> + '_ {
        self.rows.iter().map(|(pair, factor)| UomConversion {
            item: pair.item.clone(),
            from_uom: pair.from.clone(),
            to_uom: pair.to.clone(),
            factor: *factor,
        })
    }

    /// Whether there are no conversions at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Removes the row of `item` for the pair, in either direction (a re-import replaces it).
    pub fn remove_pair(&mut self, item: Option<&str>, a: &str, b: &str) {
        self.rows.remove(&Pair::new(item, a, b));
        self.rows.remove(&Pair::new(item, b, a));
    }

    /// Adds a row. A row equal to one already there is accepted.
    ///
    /// # Errors
    /// The same pair with another factor, or a reverse pair whose factor is not exactly the
    /// reciprocal (their product is not 1).
    pub fn insert(&mut self, c: UomConversion) -> Result<(), ConversionConflict> {
        let key = Pair::new(c.item.as_deref(), &c.from_uom, &c.to_uom);
        if let Some(existing) = self.rows.get(&key) {
            return if *existing == c.factor {
                Ok(())
            } else {
                Err(ConversionConflict::Differs { factor: *existing })
            };
        }
        let reverse = Pair::new(c.item.as_deref(), &c.to_uom, &c.from_uom);
        if let Some(existing) = self.rows.get(&reverse)
            && existing.checked_mul(c.factor) != Some(Decimal::ONE)
        {
            return Err(ConversionConflict::Reverse { factor: *existing });
        }
        self.rows.insert(key, c.factor);
        Ok(())
    }

    /// The exact ratio from `from` to `to` for `item`: the same unit is `1/1`; else the item's
    /// own row (either direction), else a row for every item (either direction). Conversions
    /// do not chain; unit names compare exactly.
    #[must_use]
    pub fn ratio(&self, item: &str, from: &str, to: &str) -> Option<Ratio> {
        if from == to {
            return Some(Ratio::ONE);
        }
        [Some(item), None].into_iter().find_map(|who| {
            let direct = Pair::new(who, from, to);
            let reverse = Pair::new(who, to, from);
            if let Some(f) = self.rows.get(&direct) {
                Some(Ratio {
                    num: *f,
                    den: Decimal::ONE,
                })
            } else {
                self.rows.get(&reverse).map(|f| Ratio {
                    num: Decimal::ONE,
                    den: *f,
                })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn row(item: Option<&str>, from: &str, to: &str, factor: &str) -> UomConversion {
        UomConversion {
            item: item.map(str::to_string),
            from_uom: from.to_string(),
            to_uom: to.to_string(),
            factor: d(factor),
        }
    }

    #[test]
    fn the_reverse_direction_is_implied_as_an_exact_ratio() {
        let mut c = Conversions::default();
        c.insert(row(None, "kg", "g", "1000")).unwrap();
        assert_eq!(
            c.ratio("X", "g", "kg"),
            Some(Ratio {
                num: d("1"),
                den: d("1000")
            })
        );
        assert_eq!(
            c.ratio("X", "kg", "g"),
            Some(Ratio {
                num: d("1000"),
                den: d("1")
            })
        );
        assert_eq!(c.ratio("X", "kg", "kg"), Some(Ratio::ONE));
        assert_eq!(c.ratio("X", "KG", "g"), None, "names compare exactly");
    }

    #[test]
    fn an_items_own_row_wins_in_either_direction_and_rows_do_not_chain() {
        let mut c = Conversions::default();
        c.insert(row(None, "roll", "m", "100")).unwrap();
        c.insert(row(Some("FILM"), "m", "roll", "0.002")).unwrap();
        c.insert(row(None, "m", "mm", "1000")).unwrap();
        assert_eq!(c.ratio("FILM", "roll", "m").unwrap().den, d("0.002"));
        assert_eq!(c.ratio("OTHER", "roll", "m").unwrap().num, d("100"));
        assert_eq!(c.ratio("OTHER", "roll", "mm"), None);
    }

    #[test]
    fn disagreeing_rows_are_refused() {
        let mut c = Conversions::default();
        c.insert(row(None, "kg", "g", "1000")).unwrap();
        c.insert(row(None, "kg", "g", "1000.0")).unwrap();
        assert_eq!(
            c.insert(row(None, "kg", "g", "100")),
            Err(ConversionConflict::Differs { factor: d("1000") })
        );
        c.insert(row(None, "g", "kg", "0.001")).unwrap();
        assert_eq!(
            c.insert(row(None, "lb", "kg", "0.45")),
            Ok(()),
            "another pair is no conflict"
        );
        assert_eq!(
            c.insert(row(None, "kg", "lb", "2.2")),
            Err(ConversionConflict::Reverse { factor: d("0.45") })
        );
        c.insert(row(Some("X"), "kg", "g", "999")).unwrap();
    }
}
