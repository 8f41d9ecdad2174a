//! The working-day calendar as this authority uses it: the shipped England and Wales
//! bank holidays with an administrator's changes applied.

use caseline_domain::calendar::{CalendarError, WorkingDayCalendar};
use jiff::civil::Date;

use crate::audit::{Actor, AuditAction, record_audit};
use crate::{Db, StoreError, Tx, Value};

impl Db {
    /// The calendar with every stored change applied.
    pub async fn calendar(&self) -> Result<WorkingDayCalendar, StoreError> {
        let mut calendar = WorkingDayCalendar::england_and_wales();
        for row in self
            .fetch_all(
                "SELECT date, name FROM bank_holiday_changes ORDER BY date",
                &[],
            )
            .await?
        {
            let date = row.date("date")?;
            match row.opt_text("name")? {
                Some(name) => calendar.add_bank_holiday(date, &name),
                None => {
                    calendar.remove_bank_holiday(date);
                }
            }
        }
        Ok(calendar)
    }

    /// Adds (or renames) a bank holiday, e.g. a one-off day announced by proclamation.
    pub async fn add_bank_holiday(
        &self,
        actor: &Actor,
        date: Date,
        name: &str,
    ) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(caseline_domain::ValidationError::new(
                "bank holiday",
                date,
                "name",
                "is empty",
            )
            .into());
        }
        let mut tx = self.begin().await?;
        set_change(&mut tx, actor, date, Some(name)).await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::ChangeCalendar,
            None,
            None,
            &format!("added {date}"),
        )
        .await?;
        tx.commit().await
    }

    /// Moves a bank holiday to another day, keeping its name: both changes or neither.
    pub async fn move_bank_holiday(
        &self,
        actor: &Actor,
        from: Date,
        to: Date,
    ) -> Result<(), StoreError> {
        let mut calendar = self.calendar().await?;
        let name = calendar.bank_holiday(from).map(|h| h.name);
        calendar
            .move_bank_holiday(from, to)
            .map_err(|e| calendar_error(from, e))?;
        let mut tx = self.begin().await?;
        set_change(&mut tx, actor, from, None).await?;
        set_change(&mut tx, actor, to, name.as_deref()).await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::ChangeCalendar,
            None,
            None,
            &format!("moved {from} to {to}"),
        )
        .await?;
        tx.commit().await
    }
}

fn calendar_error(date: Date, e: CalendarError) -> StoreError {
    caseline_domain::ValidationError::new("bank holiday", date, "date", e.to_string()).into()
}

async fn set_change(
    tx: &mut Tx,
    actor: &Actor,
    date: Date,
    name: Option<&str>,
) -> Result<(), StoreError> {
    crate::work::mark_everything_changed(tx).await?;
    tx.execute(
        "DELETE FROM bank_holiday_changes WHERE date = $1",
        &[date.into()],
    )
    .await?;
    tx.execute(
        "INSERT INTO bank_holiday_changes (date, name, changed_by) VALUES ($1, $2, $3)",
        &[date.into(), Value::from(name), actor.user.as_str().into()],
    )
    .await?;
    Ok(())
}
