-- Instrument sharing (issue 16 item 4; 001_0cbca1dd9c1e8cc0.txt §28 "promote the
-- sharing of instruments and equipment"; 000_abb21015abc8a560.txt §8 opening-up of
-- major S&T facilities; crates/platforms::instruments). A unit (an enterprise
-- account: the undertaking unit's organisation account) lists a large instrument
-- with its rules of use and a fee per working day in fen.
CREATE TABLE instruments (
  id TEXT PRIMARY KEY,
  unit TEXT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  location TEXT NOT NULL,
  rules TEXT NOT NULL,
  fee_fen_per_day BIGINT NOT NULL,
  listed_at TEXT NOT NULL
);
CREATE INDEX instruments_by_unit ON instruments (unit, listed_at);

-- A booking: a set of working days (`days`: JSON list, sorted) asked by another
-- account; the unit confirms or refuses it; usage (hours, result) is reported after
-- its last day. `fee_fen` = days x the fee per day when booked.
CREATE TABLE instrument_bookings (
  id TEXT PRIMARY KEY,
  instrument_id TEXT NOT NULL REFERENCES instruments(id),
  booker TEXT NOT NULL REFERENCES accounts(id),
  days TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  fee_fen BIGINT NOT NULL,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  usage_hours BIGINT,
  usage_result TEXT,
  reported_by TEXT,
  reported_at TEXT
);
CREATE INDEX instrument_bookings_by_instrument ON instrument_bookings (instrument_id, first_day);
CREATE INDEX instrument_bookings_by_booker ON instrument_bookings (booker, requested_at);

-- The days an instrument is held (requested or confirmed). The primary key is what
-- makes a double booking impossible, also under concurrent requests: the second
-- transaction's insert of a held day fails and the whole booking is rolled back.
-- A refused booking's days are deleted (released).
CREATE TABLE instrument_days (
  instrument_id TEXT NOT NULL REFERENCES instruments(id),
  day TEXT NOT NULL,
  booking_id TEXT NOT NULL REFERENCES instrument_bookings(id),
  PRIMARY KEY (instrument_id, day)
);
