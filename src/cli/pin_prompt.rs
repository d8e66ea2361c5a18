//! A one-line secret prompt on the terminal (PINs for the command line): nothing echoed
//! but a star per key, raw mode always restored.

use std::io::Write;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

/// Asks for a secret on stderr and reads it from the keyboard.
///
/// # Errors
/// The terminal cannot be put in raw mode or read, or the user pressed Esc / Ctrl-C.
pub fn read_secret(prompt: &str) -> std::io::Result<String> {
    let mut err = std::io::stderr();
    write!(err, "{prompt}")?;
    err.flush()?;
    terminal::enable_raw_mode()?;
    let result = read_keys(&mut err);
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(err);
    result
}

fn read_keys(err: &mut std::io::Stderr) -> std::io::Result<String> {
    let mut secret = String::new();
    loop {
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(secret),
            KeyCode::Esc => return Err(std::io::Error::other("cancelled")),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err(std::io::Error::other("cancelled"));
            }
            KeyCode::Backspace if secret.pop().is_some() => write!(err, "\u{8} \u{8}")?,
            KeyCode::Char(c) => {
                secret.push(c);
                write!(err, "*")?;
            }
            _ => {}
        }
        err.flush()?;
    }
}
