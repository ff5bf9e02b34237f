"""Schema 1.0 as released (from its golden file): the base of every later version's layout.

Released schemas never change, so this text is frozen. The expected tables and columns of 1.x
are these statements plus the migration steps up to 1.x, run on an empty in-memory database
(`fileformat.expected_shape`); tests check this against tests/fixtures/db/v1.0.sqlite, and
base + steps against what the SQLModel tables create.
"""

DDL: tuple[str, ...] = (
    (
        "CREATE TABLE case_file (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, reference "
        "VARCHAR NOT NULL, v_number VARCHAR NOT NULL, ind_reference VARCHAR NOT NULL, procedure"
        " VARCHAR NOT NULL, received DATE, objected_decision_sent DATE, ind_stated_end DATE, "
        "applicant_name VARCHAR NOT NULL, applicant_birth DATE, applicant_nationality VARCHAR "
        "NOT NULL, applicant_address VARCHAR NOT NULL, co_applicants VARCHAR NOT NULL, "
        "representative VARCHAR, language VARCHAR NOT NULL, notes VARCHAR NOT NULL, tags "
        "VARCHAR NOT NULL, archived BOOLEAN NOT NULL, deleted BOOLEAN NOT NULL, created "
        "DATETIME NOT NULL, updated DATETIME NOT NULL, search_text VARCHAR NOT NULL, name_key "
        "VARCHAR NOT NULL, kd_rules VARCHAR NOT NULL, kd_safe_notice_receipt DATE, "
        "kd_notice_received DATE, kd_certain_from DATE, kd_penalty_applies BOOLEAN NOT NULL, "
        "kd_penalty_last_day DATE, kd_decided DATE)"
    ),
    "CREATE INDEX ix_case_kd_rules ON case_file (kd_rules)",
    (
        "CREATE INDEX ix_case_key_dates ON case_file (deleted, archived, "
        "kd_safe_notice_receipt, kd_notice_received, kd_certain_from, kd_penalty_applies, "
        "kd_penalty_last_day, kd_decided, procedure)"
    ),
    "CREATE INDEX ix_case_name_key ON case_file (deleted, archived, name_key, search_text)",
    "CREATE INDEX ix_case_received ON case_file (deleted, archived, received)",
    "CREATE INDEX ix_case_reference ON case_file (deleted, archived, reference)",
    "CREATE INDEX ix_case_updated ON case_file (deleted, archived, updated)",
    "CREATE INDEX ix_case_v_number ON case_file (deleted, archived, v_number)",
    'CREATE TABLE setting ("key" VARCHAR NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY ("key"))',
    (
        "CREATE TABLE audit (id INTEGER NOT NULL, at DATETIME NOT NULL, case_id INTEGER NOT "
        "NULL, field VARCHAR NOT NULL, old VARCHAR, new VARCHAR, PRIMARY KEY (id), FOREIGN "
        "KEY(case_id) REFERENCES case_file (id) ON DELETE CASCADE)"
    ),
    "CREATE INDEX ix_audit_case ON audit (case_id, id)",
    (
        "CREATE TABLE case_event (id INTEGER NOT NULL, case_id INTEGER NOT NULL, position "
        "INTEGER NOT NULL, type VARCHAR NOT NULL, day DATE NOT NULL, months INTEGER, weeks "
        "INTEGER, basis VARCHAR, deadline DATE, completed DATE, until DATE, kind VARCHAR, "
        "attended BOOLEAN, rescheduled_to DATE, excuse VARCHAR, posted DATE, tracking_number "
        "VARCHAR, fax_report VARCHAR, delivered DATE, PRIMARY KEY (id), FOREIGN KEY(case_id) "
        "REFERENCES case_file (id) ON DELETE CASCADE)"
    ),
    "CREATE INDEX ix_event_case ON case_event (case_id, position)",
    (
        "CREATE TABLE document (id INTEGER NOT NULL, case_id INTEGER NOT NULL, kind VARCHAR NOT"
        " NULL, language VARCHAR NOT NULL, created DATETIME NOT NULL, sha256 VARCHAR NOT NULL, "
        "file_name VARCHAR NOT NULL, PRIMARY KEY (id), FOREIGN KEY(case_id) REFERENCES "
        "case_file (id) ON DELETE CASCADE)"
    ),
    "CREATE INDEX ix_document_case ON document (case_id)",
)
