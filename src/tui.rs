//! The operator's full-screen terminal (ratatui + crossterm). It renders state and turns keys
//! into actions; every posting goes through [`crate::service`].

pub mod prompt;
