//! The staging list of a work center for material handlers, and transfers into it.

use super::*;

/// What the work center's machine location still needs, for a material handler.
pub struct StagingState {
    pub work_center: String,
    pub rows: Vec<crate::service::floor::StagingLine>,
    pub selected: usize,
}

impl App {
    /// Opens (or refreshes) the staging list of the current work center.
    pub fn open_staging(&mut self) {
        if let Some(role) = self.session.role
            && !crate::service::auth::Action::Handle.roles().contains(&role)
        {
            let badge = self.session.badge.clone().unwrap_or_default();
            return self.error(format!(
                "{badge} ({}) may not see the staging list; it needs the role lead, handler or admin",
                role.as_str()
            ));
        }
        let Some(wc) = self.current_work_center().map(|w| w.work_center.clone()) else {
            return self.error("no work center to stage for");
        };
        match self.service.staging(&wc) {
            Ok(rows) => {
                let selected = match &self.screen {
                    Screen::Staging(s) => s.selected.min(rows.len().saturating_sub(1)),
                    _ => 0,
                };
                self.screen = Screen::Staging(StagingState {
                    work_center: wc,
                    rows,
                    selected,
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn staging_action(&mut self, action: Action) {
        let Screen::Staging(s) = &self.screen else {
            return;
        };
        match action {
            Action::Back => self.open_orders(),
            Action::Refresh => self.open_staging(),
            Action::Count => {
                let Some(row) = s.rows.get(s.selected) else {
                    return;
                };
                let (item, location) = (row.item.clone(), row.location.clone());
                self.overlays.push(Overlay::prompt(
                    format!("Counted {item} at {location}"),
                    Field::new(FieldKind::Number, ""),
                    PromptKind::Counted { item, location },
                ));
            }
            Action::Transfer => {
                let Some(row) = s.rows.get(s.selected) else {
                    return;
                };
                let (item, to) = (row.item.clone(), row.location.clone());
                // The locations that hold the item, most first: the source is picked.
                let mut held: Vec<_> = self
                    .service
                    .stock(None, Some(&item))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|b| b.location != to && b.qty > Decimal::ZERO)
                    .collect();
                held.sort_by_key(|b| std::cmp::Reverse(b.qty));
                let choices = held
                    .into_iter()
                    .map(|b| Choice {
                        code: b.location,
                        detail: format!("{} on hand", canonical(b.qty)),
                    })
                    .collect();
                self.overlays.push(
                    Overlay::prompt(
                        format!("Bring {item} to {to} from which location?"),
                        Field::new(FieldKind::Text, ""),
                        PromptKind::TransferFrom { item, to },
                    )
                    .with_choices(choices),
                );
            }
            _ => {}
        }
    }
}
