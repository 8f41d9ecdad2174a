-- Caseline schema 0003: an administrator's changes to the England and Wales bank
-- holidays (a one-off day announced, a day moved), applied over the shipped table so
-- every working-day clock counts the same days. A NULL name removes the day.

CREATE TABLE bank_holiday_changes (
    date TEXT NOT NULL,
    name TEXT,
    changed_by TEXT NOT NULL,
    PRIMARY KEY (date)
);
