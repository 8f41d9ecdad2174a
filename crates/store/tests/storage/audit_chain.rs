//! The audit trail's hash chain on both engines.
#[allow(unused_imports)]
use super::*;
