//! Tables that show on a page and download as CSV and XLSX with the same rows: one
//! description of a table, three renderings, so a download never disagrees with the
//! page it came from.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// A cell: its text, and where it links, its number for spreadsheets.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    /// What the cell shows.
    pub text: String,
    /// A link, for counts that open the list behind them.
    pub href: Option<String>,
    /// The link's accessible name, where the text alone would be ambiguous.
    pub label: Option<String>,
    /// A tag's class, for ratings shown as tags (the text says the rating).
    pub tag: Option<&'static str>,
    /// The number, written to spreadsheets as a number.
    pub number: Option<f64>,
}

impl Cell {
    /// Plain text.
    pub(crate) fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// A number shown as `text`.
    pub(crate) fn number(text: impl Into<String>, number: Option<f64>) -> Self {
        Self {
            text: text.into(),
            number,
            ..Self::default()
        }
    }

    /// A count linking to the list of what it counts.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn count(n: usize, href: String, label: String) -> Self {
        Self {
            text: n.to_string(),
            href: Some(href),
            label: Some(label),
            number: Some(n as f64),
            tag: None,
        }
    }

    /// A rating or comparison shown as a tag.
    pub(crate) fn tag(text: impl Into<String>, class: &'static str) -> Self {
        Self {
            text: text.into(),
            tag: Some(class),
            ..Self::default()
        }
    }
}

/// A table: caption, column headings (which are numeric), rows whose first cell heads
/// the row, and where to download it.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Short stable name: the file's name and the download address' key.
    pub name: String,
    /// What the table shows.
    pub caption: String,
    /// Column headings.
    pub head: Vec<&'static str>,
    /// Which columns hold numbers (aligned right).
    pub numeric: Vec<bool>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// Download addresses, set by the page.
    pub csv_href: String,
    pub xlsx_href: String,
}

impl Table {
    /// An empty table.
    pub(crate) fn new(
        name: impl Into<String>,
        caption: impl Into<String>,
        head: &[(&'static str, bool)],
    ) -> Self {
        Self {
            name: name.into(),
            caption: caption.into(),
            head: head.iter().map(|h| h.0).collect(),
            numeric: head.iter().map(|h| h.1).collect(),
            rows: Vec::new(),
            csv_href: String::new(),
            xlsx_href: String::new(),
        }
    }

    /// Sets the download addresses: `page` plus `download=<name>&format=`.
    pub(crate) fn downloads_from(mut self, page: &str) -> Self {
        let join = if page.contains('?') { '&' } else { '?' };
        self.csv_href = format!("{page}{join}download={}&format=csv", self.name);
        self.xlsx_href = format!("{page}{join}download={}&format=xlsx", self.name);
        self
    }

    /// Whether column `i` is numeric, for the template.
    pub(crate) fn is_numeric(&self, i: &usize) -> bool {
        self.numeric.get(*i).copied().unwrap_or(false)
    }

    /// The table as CSV (RFC 4180, a heading row first).
    pub(crate) fn to_csv(&self) -> Result<Vec<u8>, AppError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!("writing CSV: {e}"));
        w.write_record(&self.head).map_err(fail)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| csv_safe(&c.text)))
                .map_err(fail)?;
        }
        w.into_inner()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("writing CSV: {e}")))
    }

    /// The table as an XLSX workbook of one sheet, numbers as numbers.
    pub(crate) fn to_xlsx(&self) -> Result<Vec<u8>, AppError> {
        use rust_xlsxwriter::{Format, Workbook};
        let fail = |e: rust_xlsxwriter::XlsxError| {
            AppError::Internal(anyhow::anyhow!("writing XLSX: {e}"))
        };
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&self.caption)).map_err(fail)?;
        let bold = Format::new().set_bold();
        for (c, h) in self.head.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet
                .write_string_with_format(0, c, *h, &bold)
                .map_err(fail)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                match cell.number {
                    Some(n) => sheet.write_number(r, c, n).map_err(fail)?,
                    None => sheet.write_string(r, c, &cell.text).map_err(fail)?,
                };
            }
        }
        sheet.autofit();
        book.save_to_buffer().map_err(fail)
    }

    /// The download response for `format` (`csv` or `xlsx`), named
    /// `caseline-<name>-<date>`.
    pub(crate) fn download(
        &self,
        format: &str,
        on: jiff::civil::Date,
    ) -> Result<Response, AppError> {
        let (body, kind, ext) = match format {
            "csv" => (self.to_csv()?, "text/csv; charset=utf-8", "csv"),
            "xlsx" => (
                self.to_xlsx()?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            _ => return Err(AppError::bad_request("format", "must be csv or xlsx")),
        };
        let file = format!("caseline-{}-{on}.{ext}", self.name);
        Ok((
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
                ),
            ],
            body,
        )
            .into_response())
    }
}

/// Picks the table named `name` from a page's tables and answers with it in `format`.
pub(crate) fn download_from(
    tables: &[&Table],
    name: &str,
    format: &str,
    on: jiff::civil::Date,
) -> Result<Response, AppError> {
    tables
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| AppError::bad_request("download", "is not a table on this page"))?
        .download(format, on)
}

/// Text that a spreadsheet would run as a formula is prefixed with an apostrophe, so a
/// name or note beginning `=` cannot execute when the CSV is opened.
fn csv_safe(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if text.parse::<f64>().is_err() => {
            format!("'{text}")
        }
        _ => text.to_owned(),
    }
}

/// A worksheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(caption: &str) -> String {
    let clean: String = caption
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let name: String = clean.trim().chars().take(31).collect();
    if name.is_empty() {
        "Table".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(
            "teams",
            "By team: assessments/reviews [2026]",
            &[("Team", false), ("Counted", true)],
        );
        t.rows.push(vec![
            Cell::text("North, \"A\""),
            Cell::count(3, "/x".into(), "3".into()),
        ]);
        t.rows.push(vec![
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::number("-2", Some(-2.0)),
        ]);
        t
    }

    #[test]
    fn csv_quotes_fields_and_defuses_formulas() {
        let csv = String::from_utf8(table().to_csv().unwrap()).unwrap();
        assert_eq!(
            csv,
            "Team,Counted\n\"North, \"\"A\"\"\",3\n\"'=HYPERLINK(\"\"x\"\")\",-2\n"
        );
    }

    #[test]
    fn xlsx_is_a_workbook_with_a_safe_sheet_name() {
        let bytes = table().to_xlsx().unwrap();
        assert_eq!(&bytes[..2], b"PK", "a zip container");
        assert_eq!(
            sheet_name("By team: assessments/reviews [2026]"),
            "By team  assessments reviews  2"
        );
        assert_eq!(sheet_name("[]"), "Table");
    }

    #[test]
    fn download_addresses_extend_the_page_address() {
        let t = table().downloads_from("/performance/list?indicator=X");
        assert_eq!(
            t.csv_href,
            "/performance/list?indicator=X&download=teams&format=csv"
        );
        let t = table().downloads_from("/performance");
        assert_eq!(t.xlsx_href, "/performance?download=teams&format=xlsx");
    }
}
