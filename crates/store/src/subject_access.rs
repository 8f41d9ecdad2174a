//! Subject access (UK GDPR article 15): everything Caseline holds about one person —
//! their own record, where others' records mention them, and who has accessed their
//! record — for the disclosure officer. Third-party details are listed for review,
//! never silently removed: deciding what to withhold is a person's judgement.

use caseline_domain::access::Capability;
use caseline_domain::codes::{PersonKind, Relationship};
use caseline_domain::person::Person;
use caseline_domain::{ChildRecord, PersonId, ValidationError};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::access::Access;
use crate::audit::{AuditAction, AuditEvent, record_audit};
use crate::children::read_child_record;
use crate::columns::Column;
use crate::tables::Table;
use crate::{Db, StoreError};

/// A child this person is linked to as a relative.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LinkedChild {
    /// The child.
    pub child_id: PersonId,
    /// What the person is to the child.
    pub relationship: Relationship,
    /// Whether they hold parental responsibility.
    pub parental_responsibility: bool,
}

/// Free text in someone else's record that names this person.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    /// Kind of record.
    pub record: &'static str,
    /// Its id.
    pub record_id: String,
    /// Whose record it is.
    pub child_id: PersonId,
    /// When.
    pub date: Option<Date>,
    /// The text.
    pub text: String,
}

/// Something the disclosure officer must decide on before anything is sent.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReviewItem {
    /// Part of the pack.
    pub section: &'static str,
    /// The record.
    pub record_id: String,
    /// What to look at.
    pub what: String,
    /// Why it needs a decision.
    pub why: &'static str,
}

/// Everything held about one person.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SubjectAccessPack {
    /// The person.
    pub person: Person,
    /// When the pack was made.
    pub generated_at: Timestamp,
    /// Who made it.
    pub generated_by: String,
    /// The request's reference, as given.
    pub request_reference: String,
    /// The person's own record, if they are a child on the system.
    pub child_record: Option<ChildRecord>,
    /// Children the person is linked to as a relative.
    pub linked_children: Vec<LinkedChild>,
    /// Other records whose free text names the person.
    pub mentions: Vec<Mention>,
    /// Who has read or written the person's record.
    pub access_history: Vec<AuditEvent>,
    /// Third-party details and free text to review before disclosure.
    pub for_review: Vec<ReviewItem>,
}

const THIRD_PARTY: &str = "Third-party information: decide whether to disclose or redact.";
const FREE_TEXT: &str = "Free text may name other people: read before disclosure.";

impl Db {
    /// Builds the subject access pack for `id`, audited with the request reference.
    /// `None` if there is no such person.
    pub async fn subject_access(
        &self,
        access: &Access,
        id: &PersonId,
        reference: &str,
    ) -> Result<Option<SubjectAccessPack>, StoreError> {
        if !access.role().may(Capability::SubjectAccessExport) {
            return Err(ValidationError::new(
                "subject access request",
                id,
                "role",
                "may not export subject access packs: ask the disclosure team",
            )
            .into());
        }
        let reference = reference.trim();
        if reference.chars().count() < 3 {
            return Err(ValidationError::new(
                "subject access request",
                id,
                "reference",
                "is missing: give the request's reference",
            )
            .into());
        }
        let mut tx = self.begin().await?;
        let sql = format!(
            "SELECT {} FROM people WHERE id = $1",
            Person::COLUMNS.join(", ")
        );
        let Some(row) = tx
            .fetch_all(&sql, &[id.to_value()])
            .await?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let person = Person::from_row(&row)?;
        // Restricted records stay invisible to everyone not named on them, here too.
        let hidden = restricted_from(&mut tx, access).await?;
        if hidden.contains(id.as_str()) {
            return Ok(None);
        }
        let child_record = if person.kind == PersonKind::Child {
            read_child_record(&mut tx, id).await?
        } else {
            None
        };
        let mut linked_children = Vec::new();
        for r in tx
            .fetch_all("SELECT child_id, relationship, parental_responsibility FROM family_links WHERE relative_id = $1 ORDER BY child_id", &[id.to_value()])
            .await?
        {
            linked_children.push(LinkedChild {
                child_id: Column::read(&r, "family_links", "child_id")?,
                relationship: Column::read(&r, "family_links", "relationship")?,
                parental_responsibility: r.bool("parental_responsibility")?,
            });
        }
        linked_children.retain(|l| !hidden.contains(l.child_id.as_str()));
        let mut mentions = mentions_of(&mut tx, &person).await?;
        mentions.retain(|m| !hidden.contains(m.child_id.as_str()));
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::ExportSubjectAccess,
            Some(id),
            Some(reference),
            "",
        )
        .await?;
        tx.commit().await?;
        let access_history = self.audit_events_for_child(id, 10_000).await?;
        let for_review = review_items(child_record.as_ref(), &linked_children, &mentions);
        Ok(Some(SubjectAccessPack {
            person: person.clone(),
            generated_at: Timestamp::now(),
            generated_by: access.viewer().user.clone(),
            request_reference: reference.to_owned(),
            child_record,
            linked_children,
            mentions,
            access_history,
            for_review,
        }))
    }
}

/// Ids of restricted records the viewer is not named on.
async fn restricted_from(
    tx: &mut crate::Tx,
    access: &Access,
) -> Result<std::collections::HashSet<String>, StoreError> {
    let rows = tx
        .fetch_all(
            "SELECT child_id FROM restricted_records WHERE child_id NOT IN (SELECT child_id FROM restricted_record_people WHERE username = $1)",
            &[access.viewer().user.as_str().into()],
        )
        .await?;
    rows.iter().map(|r| r.text("child_id")).collect()
}

/// Free-text fields in other people's records naming `person` (full name, any case).
async fn mentions_of(tx: &mut crate::Tx, person: &Person) -> Result<Vec<Mention>, StoreError> {
    let needle = format!(
        "%{}%",
        person.full_name().to_lowercase().replace(['%', '_'], "")
    );
    let sources: [(&'static str, &str, &str, &str); 3] = [
        ("contact", "contacts", "summary", "received_at"),
        ("visit", "visits", "childs_words", "date"),
        (
            "early help episode",
            "early_help_episodes",
            "reason",
            "start_date",
        ),
    ];
    let mut out = Vec::new();
    for (record, table, column, when) in sources {
        let sql = format!(
            "SELECT id, child_id, {column} AS text, {when} AS at FROM {table} WHERE LOWER({column}) LIKE $1 AND child_id <> $2 ORDER BY id"
        );
        for r in tx
            .fetch_all(&sql, &[needle.as_str().into(), person.id.to_value()])
            .await?
        {
            let date = if when == "received_at" {
                r.opt_timestamp("at")?.map(caseline_domain::local_date)
            } else {
                r.opt_date("at")?
            };
            out.push(Mention {
                record,
                record_id: r.text("id")?,
                child_id: Column::read(&r, table, "child_id")?,
                date,
                text: r.text("text")?,
            });
        }
    }
    Ok(out)
}

fn review_items(
    record: Option<&ChildRecord>,
    linked: &[LinkedChild],
    mentions: &[Mention],
) -> Vec<ReviewItem> {
    let mut out = Vec::new();
    if let Some(r) = record {
        for p in &r.relatives {
            let relationship = r
                .family_links
                .iter()
                .find(|l| l.relative_id == p.id)
                .map_or("relative", |l| l.relationship.label());
            out.push(ReviewItem {
                section: "family",
                record_id: p.id.to_string(),
                what: format!("{relationship}: name, date of birth, postcode"),
                why: THIRD_PARTY,
            });
        }
        for c in r.contacts.iter().filter(|c| !c.summary.trim().is_empty()) {
            out.push(ReviewItem {
                section: "contacts",
                record_id: c.id.to_string(),
                what: "summary".into(),
                why: FREE_TEXT,
            });
        }
        for l in &r.lado_allegations {
            out.push(ReviewItem {
                section: "allegations",
                record_id: l.id.to_string(),
                what: "allegation about a member of staff".into(),
                why: THIRD_PARTY,
            });
        }
        for e in r.early_help.iter().filter(|e| !e.reason.trim().is_empty()) {
            out.push(ReviewItem {
                section: "early help",
                record_id: e.id.to_string(),
                what: "reason".into(),
                why: FREE_TEXT,
            });
        }
    }
    for l in linked {
        out.push(ReviewItem {
            section: "linked children",
            record_id: l.child_id.to_string(),
            what: "the child's own record".into(),
            why: THIRD_PARTY,
        });
    }
    for m in mentions {
        out.push(ReviewItem {
            section: "mentions",
            record_id: m.record_id.clone(),
            what: format!("{} in child {}'s record", m.record, m.child_id),
            why: THIRD_PARTY,
        });
    }
    out
}
