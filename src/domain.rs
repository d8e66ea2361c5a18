//! Pure domain code: master data, order release, the backflush calculation, variance and
//! journal rules. Nothing here touches SQL, a terminal, a clock or a file.

pub mod backflush;
pub mod health;
pub mod issue;
pub mod journal;
pub mod lots;
pub mod master;
pub mod movement;
pub mod order;
pub mod qty;
pub mod retry;
pub mod reversal;
pub mod text;
pub mod trace;
pub mod uom;
pub mod variance;
