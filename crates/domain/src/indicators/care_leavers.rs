//! Indicators for this judgement area.

use super::Indicator;

/// This area's indicators.
pub static INDICATORS: &[Indicator] = &[];
