//! The report being keyed in as plain state: its fields, overrides, reasons and the live
//! preview. Nothing here touches the store or the terminal: the preview comes from a
//! [`Planner`], the service's [`ReportContext`] on the terminal, the domain engine over an
//! order built in code in the tests below.

use super::*;
use crate::domain::backflush::ReportError;

/// What turns the report as keyed in into its plan.
pub trait Planner {
    /// The plan of `request`.
    ///
    /// # Errors
    /// As [`crate::domain::backflush::plan`].
    fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError>;
}

impl Planner for ReportContext {
    fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError> {
        ReportContext::plan(self, request)
    }
}

/// Which field of the report takes typed characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Good,
    Scrap,
    Lines,
}

impl Focus {
    /// The field Tab (`forward`) or Shift-Tab moves to: good → scrap → lines → good.
    #[must_use]
    pub fn next(self, forward: bool) -> Focus {
        let order = [Focus::Good, Focus::Scrap, Focus::Lines];
        let i = order.iter().position(|f| *f == self).unwrap_or(0);
        let next = if forward { i + 1 } else { i + 2 };
        order[next % 3]
    }
}

/// A report being keyed in, with its live preview.
pub struct ReportState<C = ReportContext> {
    pub context: C,
    pub description: String,
    pub operation: i64,
    pub good: Field,
    pub scrap: Field,
    pub focus: Focus,
    pub overrides: Vec<Override>,
    pub plan: Option<ReportPlan>,
    /// Why there is no preview (bad quantity, over-report…).
    pub problem: Option<String>,
    pub selected: usize,
    /// The idempotency key, made when the report opened: Enter twice never posts twice.
    pub key: String,
    pub edited: bool,
    /// No units typed yet: `plan` only lists the lines (computed for one unit, its numbers
    /// not shown), so the operator sees what the report will touch before typing.
    pub listing: bool,
    /// The reason code of each overridden or skipped line, by line id (SPEC §6).
    pub reasons: std::collections::BTreeMap<String, String>,
}

impl<C: Planner> ReportState<C> {
    pub(super) fn request(&self) -> Result<ReportRequest, String> {
        let number = |name: &str, f: &Field| {
            if f.text.is_empty() {
                Ok(Quantity::ZERO)
            } else {
                parse(&f.text).ok_or_else(|| format!("{name} {:?} is not a number", f.text))
            }
        };
        Ok(ReportRequest {
            operation: self.operation,
            good: number("good", &self.good)?,
            scrap: number("scrap", &self.scrap)?,
            overrides: self.overrides.clone(),
            ..ReportRequest::default()
        })
    }

    /// Recalculates the preview (pure: no store access).
    pub fn recalculate(&mut self) {
        if let Ok(request) = self.request()
            && (request.good + request.scrap).is_zero()
        {
            let probe = ReportRequest {
                good: Quantity::ONE,
                ..request
            };
            if let Ok(plan) = self.context.plan(&probe) {
                self.selected = self.selected.min(plan.lines.len().saturating_sub(1));
                self.plan = Some(plan);
            }
            self.listing = true;
            self.problem = Some("type the good quantity (Tab: scrap)".into());
            return;
        }
        self.listing = false;
        match self
            .request()
            .and_then(|r| self.context.plan(&r).map_err(|e| e.to_string()))
        {
            Ok(plan) => {
                self.selected = self.selected.min(plan.lines.len().saturating_sub(1));
                self.plan = Some(plan);
                self.problem = None;
            }
            Err(e) => {
                self.problem = Some(e);
            }
        }
    }

    /// The line and item under the cursor.
    pub(super) fn selected_line(&self) -> Option<(String, String)> {
        self.plan
            .as_ref()
            .and_then(|p| p.lines.get(self.selected))
            .map(|l| (l.line.clone(), l.item.clone()))
    }

    /// The planned line of `line` in the preview.
    pub fn planned(&self, line: &str) -> Option<&PlannedLine> {
        self.plan.as_ref()?.lines.iter().find(|l| l.line == line)
    }

    /// Skips `line`, or takes a skip back; true when the line is skipped now.
    pub(super) fn toggle_skip(&mut self, line: &str) -> bool {
        let skipped = self
            .overrides
            .iter()
            .any(|o| o.key == line && o.change == Change::Skip);
        self.overrides.retain(|o| o.key != line);
        self.reasons.remove(line);
        if !skipped {
            self.overrides.push(Override {
                key: line.to_string(),
                change: Change::Skip,
            });
        }
        self.edited = true;
        self.recalculate();
        !skipped
    }

    /// Takes back every override of `line` and its reason.
    pub(super) fn reset_line(&mut self, line: &str) {
        self.overrides.retain(|o| o.key != line);
        self.reasons.remove(line);
        self.recalculate();
    }

    /// Applies changes of one line together (a hand issue with its lots); one the engine
    /// refuses is taken back whole and its reason returned.
    pub(super) fn apply_changes(&mut self, line: &str, changes: Vec<Change>) -> Result<(), String> {
        let before = self.overrides.clone();
        for change in changes {
            let same_kind = std::mem::discriminant(&change);
            self.overrides.retain(|o| {
                !(o.key == line
                    && (std::mem::discriminant(&o.change) == same_kind || o.change == Change::Skip))
            });
            self.overrides.push(Override {
                key: line.to_string(),
                change,
            });
        }
        let was_fine = self.problem.is_none();
        self.recalculate();
        if was_fine && let Some(problem) = self.problem.clone() {
            self.overrides = before;
            self.recalculate();
            return Err(problem);
        }
        self.edited = true;
        Ok(())
    }

    /// The lines overridden or skipped that have no reason code yet.
    pub(super) fn lines_without_reason(&self) -> Vec<String> {
        self.plan
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| l.overridden || l.status == LineStatus::Skipped)
            .filter(|l| !self.reasons.contains_key(&l.line))
            .map(|l| l.line.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    //! The report screen's state with no store: a pump order built in code, planned by the
    //! domain engine itself.
    #![allow(clippy::unwrap_used)]

    use std::collections::HashMap;

    use super::*;
    use crate::domain::backflush::{Lookup, Policy, Progress};
    use crate::domain::master::{Item, ItemType, Per, Tracking, WorkCenter};
    use crate::domain::order::{Order, OrderMaterial, OrderOperation};
    use crate::domain::qty::{Hours, Money};
    use crate::domain::uom::Ratio;
    use rust_decimal::Decimal;

    /// The order, its progress and the plant it is planned against.
    struct Bench {
        order: Order,
        items: HashMap<String, Item>,
        work_center: WorkCenter,
        stock: HashMap<(String, String), Quantity>,
    }

    impl Lookup for Bench {
        fn item(&self, item: &str) -> Option<&Item> {
            self.items.get(item)
        }

        fn work_center(&self, work_center: &str) -> Option<&WorkCenter> {
            (work_center == self.work_center.work_center).then_some(&self.work_center)
        }

        fn location_exists(&self, location: &str) -> bool {
            location == self.work_center.location
        }

        fn on_hand(&self, item: &str, location: &str) -> Quantity {
            self.stock
                .get(&(item.to_string(), location.to_string()))
                .copied()
                .unwrap_or_default()
        }
    }

    impl Planner for Bench {
        fn plan(&self, request: &ReportRequest) -> Result<ReportPlan, ReportError> {
            crate::domain::backflush::plan(
                &self.order,
                &Progress::default(),
                request,
                self,
                &Policy::default(),
            )
        }
    }

    fn item(code: &str) -> Item {
        Item {
            item: code.to_string(),
            description: format!("item {code}"),
            uom: "EA".to_string(),
            decimals: 0,
            item_type: ItemType::Stock,
            tracking: Tracking::None,
            backflush: true,
            std_cost: Money::ONE,
        }
    }

    fn material(line: &str, component: &str, qty: i64) -> OrderMaterial {
        OrderMaterial {
            line: line.to_string(),
            component: component.to_string(),
            qty: Decimal::from(qty),
            base: Decimal::ONE,
            per: Per::Unit,
            scrap_factor: Decimal::ONE,
            operation: 10,
            bom_backflush: None,
            order_backflush: None,
            supply_location: None,
            uom: None,
            ratio: Ratio::ONE,
        }
    }

    /// 10 pumps at one count point: 2 bolts and 1 seal each, 100 of both at the machine.
    fn report() -> ReportState<Bench> {
        let order = Order {
            order: "WO-1".to_string(),
            item: "PUMP".to_string(),
            revision: "1".to_string(),
            qty: Quantity(Decimal::TEN),
            due: None,
            completion_location: "FG".to_string(),
            operations: vec![OrderOperation {
                operation: 10,
                work_center: "WC-1".to_string(),
                setup_hours: Hours::ZERO,
                run_hours: Hours::ZERO,
                count_point: true,
            }],
            materials: vec![material("1", "BOLT", 2), material("2", "SEAL", 1)],
        };
        let bench = Bench {
            order,
            items: ["PUMP", "BOLT", "SEAL"]
                .into_iter()
                .map(|c| (c.to_string(), item(c)))
                .collect(),
            work_center: WorkCenter {
                work_center: "WC-1".to_string(),
                description: "cell".to_string(),
                location: "M-1".to_string(),
                labor_rate: Money::ZERO,
                overhead_rate: Money::ZERO,
                backflush: true,
            },
            stock: ["BOLT", "SEAL"]
                .into_iter()
                .map(|c| {
                    (
                        (c.to_string(), "M-1".to_string()),
                        Quantity(Decimal::ONE_HUNDRED),
                    )
                })
                .collect(),
        };
        let mut state = ReportState {
            context: bench,
            description: "pump".to_string(),
            operation: 10,
            good: Field::new(FieldKind::Number, ""),
            scrap: Field::new(FieldKind::Number, ""),
            focus: Focus::Good,
            overrides: Vec::new(),
            plan: None,
            problem: None,
            selected: 0,
            key: "key".to_string(),
            edited: false,
            listing: false,
            reasons: std::collections::BTreeMap::new(),
        };
        state.recalculate();
        state
    }

    fn typed(state: &mut ReportState<Bench>, good: &str) {
        state.good.text = good.to_string();
        state.recalculate();
    }

    fn issued(state: &ReportState<Bench>, line: &str) -> Quantity {
        state.planned(line).unwrap().qty
    }

    #[test]
    fn before_any_unit_the_lines_are_listed_and_good_is_asked() {
        let state = report();
        assert!(state.listing);
        assert_eq!(
            state.problem.as_deref(),
            Some("type the good quantity (Tab: scrap)")
        );
        assert_eq!(state.selected_line(), Some(("1".into(), "BOLT".into())));
        assert_eq!(state.plan.as_ref().unwrap().lines.len(), 2);
    }

    #[test]
    fn good_units_plan_each_line_and_a_bad_number_keeps_the_last_preview() {
        let mut state = report();
        typed(&mut state, "3");
        assert!(!state.listing);
        assert_eq!(state.problem, None);
        assert_eq!(issued(&state, "1"), Quantity(Decimal::from(6)));
        assert_eq!(issued(&state, "2"), Quantity(Decimal::from(3)));
        typed(&mut state, "3.");
        typed(&mut state, "x");
        assert_eq!(state.problem.as_deref(), Some("good \"x\" is not a number"));
        assert_eq!(
            issued(&state, "1"),
            Quantity(Decimal::from(6)),
            "the last preview stays"
        );
        typed(&mut state, "11");
        assert!(
            state
                .problem
                .as_deref()
                .unwrap()
                .starts_with("operation 10 of order WO-1 would reach 11 good units"),
            "over the order quantity: {:?}",
            state.problem
        );
    }

    #[test]
    fn an_override_keeps_its_quantity_asks_a_reason_and_a_refused_one_changes_nothing() {
        let mut state = report();
        typed(&mut state, "3");
        state
            .apply_changes("1", vec![Change::Qty(Quantity(Decimal::from(8)))])
            .unwrap();
        assert!(state.edited);
        assert_eq!(issued(&state, "1"), Quantity(Decimal::from(8)));
        typed(&mut state, "4");
        assert_eq!(
            issued(&state, "1"),
            Quantity(Decimal::from(8)),
            "an override follows no units"
        );
        assert_eq!(state.lines_without_reason(), vec!["1".to_string()]);
        state.reasons.insert("1".into(), "DAMAGED".into());
        assert!(state.lines_without_reason().is_empty());

        let before = state.overrides.clone();
        let refused = state.apply_changes("2", vec![Change::Location("NOWHERE".into())]);
        assert_eq!(
            refused.unwrap_err(),
            "override of line 2: unknown location NOWHERE"
        );
        assert_eq!(
            state.overrides, before,
            "a refused change is taken back whole"
        );
        assert_eq!(state.problem, None);

        state.reset_line("1");
        assert!(state.overrides.is_empty());
        assert!(state.reasons.is_empty());
        assert_eq!(
            issued(&state, "1"),
            Quantity(Decimal::from(8)),
            "4 units of 2 bolts"
        );
    }

    #[test]
    fn a_skip_replaces_the_lines_overrides_and_a_second_skip_takes_it_back() {
        let mut state = report();
        typed(&mut state, "2");
        state
            .apply_changes("2", vec![Change::Qty(Quantity(Decimal::from(5)))])
            .unwrap();
        state.reasons.insert("2".into(), "DAMAGED".into());
        assert!(state.toggle_skip("2"), "skipped now");
        assert_eq!(state.planned("2").unwrap().status, LineStatus::Skipped);
        assert_eq!(state.overrides.len(), 1, "the skip alone");
        assert!(state.reasons.is_empty(), "a skip asks its own reason");
        assert!(!state.toggle_skip("2"), "taken back");
        assert!(state.overrides.is_empty());
        assert_eq!(issued(&state, "2"), Quantity(Decimal::from(2)));
    }

    #[test]
    fn tab_walks_good_scrap_lines_and_shift_tab_walks_back() {
        assert_eq!(Focus::Good.next(true), Focus::Scrap);
        assert_eq!(Focus::Scrap.next(true), Focus::Lines);
        assert_eq!(Focus::Lines.next(true), Focus::Good);
        assert_eq!(Focus::Good.next(false), Focus::Lines);
        assert_eq!(Focus::Lines.next(false), Focus::Scrap);
    }
}
