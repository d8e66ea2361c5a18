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
                self.overlays.push(Overlay::Prompt {
                    title: format!("Counted {item} at {location}"),
                    field: Field::new(FieldKind::Number, ""),
                    kind: PromptKind::Counted { item, location },
                    error: None,
                });
            }
            Action::Transfer => {
                let Some(row) = s.rows.get(s.selected) else {
                    return;
                };
                let (item, to) = (row.item.clone(), row.location.clone());
                self.overlays.push(Overlay::Prompt {
                    title: format!("Bring {item} to {to} from which location?"),
                    field: Field::new(FieldKind::Text, ""),
                    kind: PromptKind::TransferFrom { item, to },
                    error: None,
                });
            }
            _ => {}
        }
    }
}
