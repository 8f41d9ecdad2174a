//! GOV.UK pagination: previous/next links and numbered pages with ellipses, and the
//! "Showing 1 to 50 of 12,345" line.

use crate::format;

/// One item in the list of page numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PageItem {
    /// A link to a page.
    Page {
        /// Page number (from 1).
        number: u32,
        /// Link to it.
        href: String,
        /// Whether it is the page being shown.
        current: bool,
    },
    /// A gap in the numbers.
    Ellipsis,
}

/// Everything the pagination partial needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pagination {
    /// Link to the previous page, unless on the first.
    pub previous: Option<String>,
    /// Link to the next page, unless on the last.
    pub next: Option<String>,
    /// Page numbers.
    pub items: Vec<PageItem>,
}

/// Number of pages needed for `total` items, `per_page` to a page (at least one).
pub(crate) fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    u32::try_from(total.div_ceil(per_page))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// The page numbers to show: the first, the last, the current page and its
/// neighbours, with an ellipsis for each gap of more than one page.
pub(crate) fn page_numbers(current: u32, last: u32) -> Vec<Option<u32>> {
    let mut wanted: Vec<u32> = [
        1,
        current.saturating_sub(1),
        current,
        current.saturating_add(1),
        last,
    ]
    .into_iter()
    .filter(|&n| n >= 1 && n <= last)
    .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = Vec::new();
    let mut prev = 0;
    for n in wanted {
        if n == prev + 2 {
            out.push(Some(prev + 1));
        } else if n > prev + 2 {
            out.push(None);
        }
        out.push(Some(n));
        prev = n;
    }
    out
}

/// Pagination for page `current` of `last`, linking with `href(page)`; `None` when
/// everything fits on one page.
pub(crate) fn paginate(
    current: u32,
    last: u32,
    href: impl Fn(u32) -> String,
) -> Option<Pagination> {
    if last <= 1 {
        return None;
    }
    let items = page_numbers(current, last)
        .into_iter()
        .map(|n| match n {
            Some(number) => PageItem::Page {
                number,
                href: href(number),
                current: number == current,
            },
            None => PageItem::Ellipsis,
        })
        .collect();
    Some(Pagination {
        previous: (current > 1).then(|| href(current - 1)),
        next: (current < last).then(|| href(current + 1)),
        items,
    })
}

/// "Showing 51 to 100 of 12,345 children" (or "… of 1 child").
pub(crate) fn showing(
    offset: u64,
    on_page: usize,
    total: u64,
    singular: &str,
    plural: &str,
) -> String {
    let noun = if total == 1 { singular } else { plural };
    let first = offset + 1;
    let last = offset + u64::try_from(on_page).unwrap_or(0);
    format!(
        "Showing {} to {} of {} {noun}",
        format::count(first),
        format::count(last),
        format::count(total)
    )
}

/// One page of a list held in memory, ready to show.
pub(crate) struct Paged<T> {
    /// How many rows in all.
    pub total: usize,
    /// The rows on this page.
    pub rows: Vec<T>,
    /// "Showing 1 to 100 of 250 rows", when there are any.
    pub showing: Option<String>,
    /// Links to the other pages.
    pub pagination: Option<Pagination>,
}

/// Page `page` of `items`, `per_page` at a time, each shown by `row`; `href` links a
/// page number. A page past the last is refused, naming `page`.
pub(crate) fn page_of<T, U>(
    items: &[T],
    page: u32,
    per_page: u32,
    row: impl Fn(&T) -> U,
    href: impl Fn(u32) -> String,
) -> Result<Paged<U>, crate::error::AppError> {
    let total = items.len();
    let last_page = page_count(total as u64, per_page);
    if page > last_page {
        return Err(crate::error::AppError::bad_request(
            "page",
            format!("there are only {last_page} pages: choose a page from 1 to {last_page}"),
        ));
    }
    let start = usize::try_from(u64::from(page - 1) * u64::from(per_page)).unwrap_or(usize::MAX);
    let rows: Vec<U> = items
        .iter()
        .skip(start)
        .take(per_page as usize)
        .map(row)
        .collect();
    Ok(Paged {
        total,
        showing: (total > 0)
            .then(|| showing(start as u64, rows.len(), total as u64, "row", "rows")),
        rows,
        pagination: paginate(page, last_page, href),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(12_345, 50), 247);
    }

    #[test]
    fn page_numbers_show_ends_and_neighbours_with_gaps() {
        assert_eq!(page_numbers(1, 1), vec![Some(1)]);
        assert_eq!(page_numbers(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(page_numbers(1, 10), vec![Some(1), Some(2), None, Some(10)]);
        assert_eq!(
            page_numbers(5, 10),
            vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(10)]
        );
        // A gap of exactly one page shows that page rather than an ellipsis.
        assert_eq!(
            page_numbers(3, 10),
            vec![Some(1), Some(2), Some(3), Some(4), None, Some(10)]
        );
        assert_eq!(page_numbers(10, 10), vec![Some(1), None, Some(9), Some(10)]);
    }

    #[test]
    fn paginate_links_previous_and_next() {
        assert_eq!(paginate(1, 1, |n| n.to_string()), None);
        let p = paginate(2, 3, |n| format!("?page={n}")).unwrap();
        assert_eq!(p.previous.as_deref(), Some("?page=1"));
        assert_eq!(p.next.as_deref(), Some("?page=3"));
        assert_eq!(
            p.items[1],
            PageItem::Page {
                number: 2,
                href: "?page=2".into(),
                current: true
            }
        );
        let last = paginate(3, 3, |n| n.to_string()).unwrap();
        assert_eq!(last.next, None);
    }

    #[test]
    fn showing_line_counts_from_one() {
        assert_eq!(
            showing(0, 50, 12_345, "child", "children"),
            "Showing 1 to 50 of 12,345 children"
        );
        assert_eq!(
            showing(12_300, 45, 12_345, "child", "children"),
            "Showing 12,301 to 12,345 of 12,345 children"
        );
        assert_eq!(
            showing(0, 1, 1, "child", "children"),
            "Showing 1 to 1 of 1 child"
        );
    }
}
