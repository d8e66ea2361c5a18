//! Who runs the command and on which store: the PINs of the global options, the config and
//! the service.

use super::{Cli, Failure};
use crate::config::Config;
use crate::service::{Approver, AuthError, Credentials, ErrorKind, Service, ServiceError};

/// Reads a PIN from the environment, else asks on the terminal.
fn pin_from(var: &str, file_var: Option<&str>, badge: &str) -> Result<Option<String>, Failure> {
    if let Ok(pin) = std::env::var(var) {
        return Ok(Some(pin));
    }
    if let Some(file) = file_var
        .and_then(std::env::var_os)
        .filter(|f| !f.is_empty())
    {
        return crate::pin::read_pin_file(std::path::Path::new(&file))
            .map(Some)
            .map_err(|e| Failure::new(ErrorKind::Auth, e.to_string()));
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Ok(None);
    }
    super::pin_prompt::read_secret(&format!("PIN for badge {badge}: "))
        .map(Some)
        .map_err(|e| {
            ServiceError::from(AuthError::PinUnreadable {
                badge: badge.to_string(),
                cause: e.to_string(),
            })
            .into()
        })
}

/// The credentials of the global options.
///
/// # Errors
/// A PIN cannot be read.
pub fn credentials(cli: &Cli) -> Result<Credentials, Failure> {
    let mut who = Credentials {
        badge: cli.user.clone(),
        ..Credentials::default()
    };
    if let Some(badge) = &cli.user {
        who.pin = pin_from("BACKFLUSH_PIN", Some("BACKFLUSH_PIN_FILE"), badge)?;
    }
    if let Some(lead) = &cli.approver {
        let pin = pin_from("BACKFLUSH_APPROVER_PIN", None, lead)?.ok_or_else(|| {
            Failure::new(
                ErrorKind::Auth,
                format!("approver {lead} needs a PIN (BACKFLUSH_APPROVER_PIN)"),
            )
        })?;
        who.approver = Some(Approver {
            badge: lead.clone(),
            pin,
        });
    }
    Ok(who)
}

/// The configuration of `--config` (else the environment, else the platform's file).
///
/// # Errors
/// The file cannot be read or holds a bad value.
pub fn config(cli: &Cli) -> Result<Config, Failure> {
    let mut config = Config::load(cli.config.as_deref())
        .map_err(|e| Failure::new(ErrorKind::Invalid, crate::words::config(&e)))?;
    // --terminal / --work-center (clap reads their variables) win over the config's.
    if let Some(id) = cli.terminal.as_deref().filter(|t| !t.trim().is_empty()) {
        config.terminal.id = id.trim().to_string();
    }
    if let Some(wc) = cli.work_center.as_deref().filter(|w| !w.trim().is_empty()) {
        config.terminal.work_center = wc.trim().to_string();
    }
    Ok(config)
}

/// Loads the configuration and opens the service on an existing store (every command but
/// `init`, `import` and `demo`: only they create one).
///
/// # Errors
/// The config or the store cannot be opened; there is no store.
pub fn open_service(cli: &Cli) -> Result<Service, Failure> {
    let config = config(cli)?;
    let path = config.store_path(cli.db.as_deref());
    let service = Service::open_existing(config, &path)?;
    warn_ignored(&service);
    if let Some(badge) = &cli.user {
        service.check_badge(badge)?;
    }
    Ok(service)
}

/// Names on stderr each config key the store's rules override.
fn warn_ignored(service: &Service) {
    if let Ok(rules) = service.rules() {
        for w in &rules.ignored {
            super::output::warn(&crate::words::ignored(w));
        }
    }
}

/// The store the global options name (`--db`, else the config's), where the config reads.
#[must_use]
pub fn store_path(cli: &Cli) -> Option<std::path::PathBuf> {
    config(cli)
        .ok()
        .map(|config| config.store_path(cli.db.as_deref()))
}

/// As [`open_service`] for `import`: where there is no store yet, it is made beside its path
/// and takes the path's name only when the import is done ([`Service::finish`]).
///
/// # Errors
/// The config or the store cannot be opened or made.
pub fn import_service(cli: &Cli) -> Result<Service, Failure> {
    let config = config(cli)?;
    let path = config.store_path(cli.db.as_deref());
    let service = Service::open_for_import(config, &path)?;
    warn_ignored(&service);
    if let Some(badge) = &cli.user {
        service.check_badge(badge)?;
    }
    Ok(service)
}

/// As [`open_service`], creating the store when it does not exist yet (init).
///
/// # Errors
/// The config or the store cannot be opened or created.
pub fn create_service(cli: &Cli) -> Result<Service, Failure> {
    let config = config(cli)?;
    let path = config.store_path(cli.db.as_deref());
    let service = Service::create_or_open(config, &path)?;
    warn_ignored(&service);
    if let Some(badge) = &cli.user {
        service.check_badge(badge)?;
    }
    Ok(service)
}
