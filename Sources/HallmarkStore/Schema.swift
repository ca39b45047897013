/// The schema's history. Never edit a migration that has shipped: add a new one.
package let schema: [Migration] = [
    Migration(
        1, "accounts, audit log and the partnership register",
        [
            """
            CREATE TABLE users (
                id {id},
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE partnerships (
                id {id},
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                ons_code TEXT UNIQUE,
                parent_id BIGINT REFERENCES partnerships(id),
                sub_group_type TEXT,
                purpose TEXT,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX partnerships_parent ON partnerships (parent_id)",
            """
            CREATE TABLE user_partnerships (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
                PRIMARY KEY (user_id, partnership_id))
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX sessions_expiry ON sessions (expires_at)",
            """
            CREATE TABLE api_tokens (
                id {id},
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT)
            """,
            """
            CREATE TABLE sign_in_attempts (
                id {id},
                email TEXT NOT NULL,
                client TEXT NOT NULL,
                at BIGINT NOT NULL,
                succeeded INTEGER NOT NULL)
            """,
            "CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, at)",
            "CREATE INDEX sign_in_attempts_client ON sign_in_attempts (client, at)",
            """
            CREATE TABLE audit_log (
                id {id},
                at BIGINT NOT NULL,
                user_id BIGINT,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                subject_id BIGINT,
                partnership_id BIGINT,
                before_json TEXT,
                after_json TEXT)
            """,
            """
            CREATE TABLE partnership_districts (
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (partnership_id, code))
            """,
            """
            CREATE TABLE organisations (
                id {id},
                name TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE responsible_authorities (
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                PRIMARY KEY (partnership_id, organisation_id))
            """,
            """
            CREATE TABLE people (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                name TEXT NOT NULL,
                job_title TEXT,
                email TEXT,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE memberships (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                person_id BIGINT NOT NULL REFERENCES people(id),
                organisation_id BIGINT REFERENCES organisations(id),
                nominated_by_id BIGINT REFERENCES organisations(id),
                vote TEXT NOT NULL,
                office TEXT NOT NULL,
                deputy_for_person_id BIGINT REFERENCES people(id),
                start_date TEXT NOT NULL,
                end_date TEXT)
            """,
            "CREATE INDEX memberships_partnership ON memberships (partnership_id)",
            "CREATE INDEX memberships_person ON memberships (person_id)",
        ],
        sqliteOnly: [
            // The audit log is append-only in the database itself, not only by convention.
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        ],
        postgresOnly: [
            """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
            """,
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        ]),
    Migration(
        2, "recorded crime: imports, force-months, counts and crimes",
        [
            """
            CREATE TABLE crime_imports (
                id {id},
                started_at BIGINT NOT NULL,
                finished_at BIGINT NOT NULL,
                user_id BIGINT,
                actor TEXT NOT NULL,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                files INTEGER NOT NULL,
                rows_read BIGINT NOT NULL,
                accepted BIGINT NOT NULL,
                rejected BIGINT NOT NULL,
                message TEXT NOT NULL,
                report_json TEXT NOT NULL)
            """,
            """
            CREATE TABLE crime_force_months (
                id {id},
                force TEXT NOT NULL,
                month INTEGER NOT NULL,
                force_area TEXT,
                import_id BIGINT NOT NULL REFERENCES crime_imports(id),
                file TEXT NOT NULL,
                checksum TEXT NOT NULL,
                rows_read INTEGER NOT NULL,
                accepted INTEGER NOT NULL,
                no_location INTEGER NOT NULL,
                unknown_lsoa INTEGER NOT NULL,
                outside_force INTEGER NOT NULL,
                outcomes_json TEXT NOT NULL,
                UNIQUE (force, month))
            """,
            """
            CREATE TABLE crime_locations (
                id BIGINT PRIMARY KEY,
                force TEXT NOT NULL,
                longitude INTEGER NOT NULL,
                latitude INTEGER NOT NULL,
                name TEXT NOT NULL)
            """,
            "CREATE INDEX crime_locations_force ON crime_locations (force)",
            // Where each LSOA lies, from the geography Hallmark ships (or a newer one imported later).
            // Crime rows carry only the LSOA, so a new lookup re-places every crime without touching it.
            """
            CREATE TABLE lsoa_areas (
                lsoa TEXT PRIMARY KEY,
                district TEXT NOT NULL,
                csp TEXT NOT NULL,
                force_area TEXT NOT NULL,
                population INTEGER NOT NULL,
                apportioned INTEGER NOT NULL)
            """,
            "CREATE INDEX lsoa_areas_csp ON lsoa_areas (csp)",
            "CREATE INDEX lsoa_areas_district ON lsoa_areas (district)",
            "CREATE INDEX lsoa_areas_force_area ON lsoa_areas (force_area)",
            // The cube: month × LSOA ("" for crimes with no location), a column per police.uk crime
            // type in police.uk's order (see `CrimeCube.columns`). One row per LSOA-month rather
            // than per type keeps a national year to about 420,000 rows.
            """
            CREATE TABLE crime_counts (
                force_month_id BIGINT NOT NULL REFERENCES crime_force_months(id) ON DELETE CASCADE,
                month INTEGER NOT NULL,
                lsoa TEXT NOT NULL,
                anti_social_behaviour INTEGER NOT NULL,
                bicycle_theft INTEGER NOT NULL,
                burglary INTEGER NOT NULL,
                criminal_damage_and_arson INTEGER NOT NULL,
                drugs INTEGER NOT NULL,
                other_theft INTEGER NOT NULL,
                possession_of_weapons INTEGER NOT NULL,
                public_order INTEGER NOT NULL,
                robbery INTEGER NOT NULL,
                shoplifting INTEGER NOT NULL,
                theft_from_the_person INTEGER NOT NULL,
                vehicle_crime INTEGER NOT NULL,
                violence_and_sexual_offences INTEGER NOT NULL,
                other_crime INTEGER NOT NULL)
            """,
            "CREATE INDEX crime_counts_force_month ON crime_counts (force_month_id)",
            "CREATE INDEX crime_counts_lsoa ON crime_counts (lsoa, month)",
            // Outcomes by district: month × district × crime type × last outcome.
            """
            CREATE TABLE crime_outcome_counts (
                force_month_id BIGINT NOT NULL REFERENCES crime_force_months(id) ON DELETE CASCADE,
                month INTEGER NOT NULL,
                district TEXT NOT NULL,
                crime_type INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                crimes INTEGER NOT NULL)
            """,
            "CREATE INDEX crime_outcome_counts_force_month ON crime_outcome_counts (force_month_id)",
            "CREATE INDEX crime_outcome_counts_district ON crime_outcome_counts (district, month)",
            """
            CREATE TABLE crime_records (
                force_month_id BIGINT NOT NULL REFERENCES crime_force_months(id) ON DELETE CASCADE,
                lsoa TEXT NOT NULL,
                crimes BYTEA_OR_BLOB NOT NULL)
            """,
            "CREATE INDEX crime_records_force_month ON crime_records (force_month_id)",
            "CREATE INDEX crime_records_lsoa ON crime_records (lsoa)",
        ]),
    Migration(
        3, "strategic assessment versions, approved and then frozen",
        [
            """
            CREATE TABLE assessment_versions (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                period TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                settings_json TEXT NOT NULL,
                figures_json TEXT NOT NULL,
                document_html TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                approved_at BIGINT,
                approved_by TEXT,
                approved_at_meeting TEXT)
            """,
            "CREATE INDEX assessment_versions_partnership ON assessment_versions (partnership_id)",
        ],
        sqliteOnly: [
            // An approved version is the board's record: the database itself refuses to change it.
            "CREATE TRIGGER assessment_frozen_update BEFORE UPDATE ON assessment_versions WHEN OLD.status = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved assessment is frozen'); END",
            "CREATE TRIGGER assessment_frozen_delete BEFORE DELETE ON assessment_versions WHEN OLD.status = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved assessment is frozen'); END",
        ],
        postgresOnly: [
            """
            CREATE FUNCTION assessment_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF OLD.status = 'approved' THEN RAISE EXCEPTION 'an approved assessment is frozen'; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$
            """,
            "CREATE TRIGGER assessment_frozen BEFORE UPDATE OR DELETE ON assessment_versions FOR EACH ROW EXECUTE FUNCTION assessment_frozen()",
        ]),
    Migration(
        4, "an analyst's working settings for a partnership's assessment",
        [
            """
            CREATE TABLE assessment_settings (
                partnership_id BIGINT PRIMARY KEY REFERENCES partnerships(id),
                settings_json TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by TEXT NOT NULL)
            """
        ]),
    // Crimes are packed in 15 bytes from now on (see `CrimeRecordFormat`); rows stored before
    // keep their 39 and say so.
    Migration(
        5, "crime records say how many bytes each crime takes",
        [
            "ALTER TABLE crime_records ADD COLUMN record_size INTEGER NOT NULL DEFAULT 39"
        ]),
    // On SQLite only INTEGER PRIMARY KEY is the row's own key; BIGINT made a second index that
    // every import kept up to date for nothing.
    Migration(
        6, "snap points keyed by SQLite's row id", [],
        sqliteOnly: [
            """
            CREATE TABLE crime_locations_keyed (
                id INTEGER PRIMARY KEY,
                force TEXT NOT NULL,
                longitude INTEGER NOT NULL,
                latitude INTEGER NOT NULL,
                name TEXT NOT NULL)
            """,
            "INSERT INTO crime_locations_keyed (id, force, longitude, latitude, name) SELECT id, force, longitude, latitude, name FROM crime_locations",
            "DROP TABLE crime_locations",
            "ALTER TABLE crime_locations_keyed RENAME TO crime_locations",
            "CREATE INDEX crime_locations_force ON crime_locations (force)",
        ]),
    // A version's tables as they were, so that its CSV downloads are as frozen as its document.
    Migration(
        7, "assessment versions keep their tables",
        [
            "ALTER TABLE assessment_versions ADD COLUMN tables_json TEXT NOT NULL DEFAULT '{}'"
        ]),
    // One row per force-month (see `CrimeBlock`) instead of a row per LSOA-month in four tables.
    Migration(
        8, "crime stored as one block per force-month",
        [
            """
            CREATE TABLE crime_blocks (
                force_month_id BIGINT PRIMARY KEY REFERENCES crime_force_months(id),
                lsoas BYTEA_OR_BLOB NOT NULL,
                counts BYTEA_OR_BLOB NOT NULL,
                crime_starts BYTEA_OR_BLOB NOT NULL,
                crimes BYTEA_OR_BLOB NOT NULL,
                locations BYTEA_OR_BLOB NOT NULL)
            """
        ], then: OlderCrimeTables.repack),
    Migration(
        9, "the per-LSOA crime tables, repacked into blocks, dropped",
        [
            "DROP TABLE crime_counts",
            "DROP TABLE crime_outcome_counts",
            "DROP TABLE crime_records",
            "DROP TABLE crime_locations",
        ], freesSpace: true),
    // An import writes each force-month as it is read, staged under its import and invisible,
    // in short transactions, so that other requests keep being served; the last transaction
    // makes them live at once. A force-month is unique among live ones only. The two tables are
    // rebuilt because SQLite cannot drop a table's UNIQUE constraint in place.
    Migration(
        10, "imports stage their force-months and keep a heartbeat and their progress; the key for pre-sign-in forms",
        [
            """
            CREATE TABLE crime_force_months_staged (
                id {id},
                force TEXT NOT NULL,
                month INTEGER NOT NULL,
                force_area TEXT,
                import_id BIGINT NOT NULL REFERENCES crime_imports(id),
                file TEXT NOT NULL,
                checksum TEXT NOT NULL,
                rows_read INTEGER NOT NULL,
                accepted INTEGER NOT NULL,
                no_location INTEGER NOT NULL,
                unknown_lsoa INTEGER NOT NULL,
                outside_force INTEGER NOT NULL,
                outcomes_json TEXT NOT NULL,
                staged_by BIGINT REFERENCES crime_imports(id))
            """,
            """
            INSERT INTO crime_force_months_staged (id, force, month, force_area, import_id, file, checksum, rows_read, accepted,
                                                   no_location, unknown_lsoa, outside_force, outcomes_json)
            SELECT id, force, month, force_area, import_id, file, checksum, rows_read, accepted,
                   no_location, unknown_lsoa, outside_force, outcomes_json FROM crime_force_months
            """,
            """
            CREATE TABLE crime_blocks_staged (
                force_month_id BIGINT PRIMARY KEY REFERENCES crime_force_months_staged(id),
                lsoas BYTEA_OR_BLOB NOT NULL,
                counts BYTEA_OR_BLOB NOT NULL,
                crime_starts BYTEA_OR_BLOB NOT NULL,
                crimes BYTEA_OR_BLOB NOT NULL,
                locations BYTEA_OR_BLOB NOT NULL)
            """,
            "INSERT INTO crime_blocks_staged SELECT force_month_id, lsoas, counts, crime_starts, crimes, locations FROM crime_blocks",
            "DROP TABLE crime_blocks",
            "DROP TABLE crime_force_months",
            "ALTER TABLE crime_force_months_staged RENAME TO crime_force_months",
            "ALTER TABLE crime_blocks_staged RENAME TO crime_blocks",
            "CREATE UNIQUE INDEX crime_force_months_live ON crime_force_months (force, month) WHERE staged_by IS NULL",
            "CREATE INDEX crime_force_months_staged_by ON crime_force_months (staged_by)",
            "ALTER TABLE crime_imports ADD COLUMN heartbeat_at BIGINT NOT NULL DEFAULT 0",
            // Progress is read from the record, so any server instance can show it.
            "ALTER TABLE crime_imports ADD COLUMN files_total INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE crime_imports ADD COLUMN files_stored INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE crime_imports ADD COLUMN current_file TEXT NOT NULL DEFAULT ''",
            // Signs the CSRF token of a form shown before sign-in, so that no database row is made
            // for a visitor who has not signed in. One key for every server instance.
            "CREATE TABLE server_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL, created_at BIGINT NOT NULL)",
        ],
        postgresOnly: [
            // Rows were copied with their ids, which an identity column does not count.
            "SELECT setval(pg_get_serial_sequence('crime_force_months', 'id'), COALESCE((SELECT MAX(id) FROM crime_force_months), 0) + 1, false)"
        ], freesSpace: true),
    // Long work runs as a job that any server instance may claim: its state, progress and
    // heartbeat are rows here, so whichever instance is asked can answer, and a job whose
    // instance died is noticed by its lapsed heartbeat. `runs_on` pins a job to the instance
    // holding its files (an upload); NULL lets any instance run it.
    Migration(
        11, "jobs that any server instance may claim",
        [
            """
            CREATE TABLE jobs (
                id {id},
                kind TEXT NOT NULL,
                arguments TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'interrupted')),
                progress TEXT NOT NULL DEFAULT '',
                runs_on TEXT,
                claimed_by TEXT,
                heartbeat_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                result TEXT,
                error TEXT,
                user_id BIGINT REFERENCES users(id),
                created_at BIGINT NOT NULL,
                started_at BIGINT,
                finished_at BIGINT)
            """,
            "CREATE INDEX jobs_waiting ON jobs (state, id)",
        ]),
    // Versioned records, one mechanism for every kind: a draft, then approved at a meeting, then
    // frozen by the database itself. A version is a row of `record_versions` with its parts (the
    // document, its figures, its settings, …) as named texts; the strategic assessment's versions
    // move here with their ids, and plans, terms of reference and allocation statements follow.
    Migration(
        12, "versioned records: drafts approved at a meeting and frozen, for every kind of record",
        [
            """
            CREATE TABLE record_versions (
                id {id},
                kind TEXT NOT NULL,
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                title TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                approved_at BIGINT,
                approved_by TEXT,
                approved_at_meeting TEXT)
            """,
            "CREATE INDEX record_versions_partnership ON record_versions (partnership_id, kind)",
            """
            CREATE TABLE record_version_parts (
                version_id BIGINT NOT NULL REFERENCES record_versions(id),
                name TEXT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (version_id, name))
            """,
            """
            INSERT INTO record_versions (id, kind, partnership_id, title, fingerprint, status, created_at, created_by, approved_at, approved_by, approved_at_meeting)
            SELECT id, 'strategic assessment', partnership_id, period, fingerprint, status, created_at, created_by, approved_at, approved_by, approved_at_meeting
            FROM assessment_versions
            """,
            "INSERT INTO record_version_parts (version_id, name, body) SELECT id, 'document.html', document_html FROM assessment_versions",
            "INSERT INTO record_version_parts (version_id, name, body) SELECT id, 'settings.json', settings_json FROM assessment_versions",
            "INSERT INTO record_version_parts (version_id, name, body) SELECT id, 'figures.json', figures_json FROM assessment_versions",
            "INSERT INTO record_version_parts (version_id, name, body) SELECT id, 'tables.json', tables_json FROM assessment_versions",
            "DROP TABLE assessment_versions",
        ],
        sqliteOnly: [
            "CREATE TRIGGER record_version_frozen_update BEFORE UPDATE ON record_versions WHEN OLD.status = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved version is frozen'); END",
            "CREATE TRIGGER record_version_frozen_delete BEFORE DELETE ON record_versions WHEN OLD.status = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved version is frozen'); END",
            """
            CREATE TRIGGER record_part_frozen_insert BEFORE INSERT ON record_version_parts
            WHEN (SELECT status FROM record_versions WHERE id = NEW.version_id) = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved version is frozen'); END
            """,
            """
            CREATE TRIGGER record_part_frozen_update BEFORE UPDATE ON record_version_parts
            WHEN (SELECT status FROM record_versions WHERE id = OLD.version_id) = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved version is frozen'); END
            """,
            """
            CREATE TRIGGER record_part_frozen_delete BEFORE DELETE ON record_version_parts
            WHEN (SELECT status FROM record_versions WHERE id = OLD.version_id) = 'approved' BEGIN SELECT RAISE(ABORT, 'an approved version is frozen'); END
            """,
        ],
        postgresOnly: [
            "DROP FUNCTION assessment_frozen()",
            // Rows were copied with their ids, which an identity column does not count.
            "SELECT setval(pg_get_serial_sequence('record_versions', 'id'), COALESCE((SELECT MAX(id) FROM record_versions), 0) + 1, false)",
            """
            CREATE FUNCTION record_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF OLD.status = 'approved' THEN RAISE EXCEPTION 'an approved version is frozen'; END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$
            """,
            "CREATE TRIGGER record_version_frozen BEFORE UPDATE OR DELETE ON record_versions FOR EACH ROW EXECUTE FUNCTION record_version_frozen()",
            """
            CREATE FUNCTION record_part_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE version BIGINT;
            BEGIN
                IF TG_OP = 'INSERT' THEN version := NEW.version_id; ELSE version := OLD.version_id; END IF;
                IF (SELECT status FROM record_versions WHERE id = version) = 'approved' THEN RAISE EXCEPTION 'an approved version is frozen'; END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;
            END $$
            """,
            "CREATE TRIGGER record_part_frozen BEFORE INSERT OR UPDATE OR DELETE ON record_version_parts FOR EACH ROW EXECUTE FUNCTION record_part_frozen()",
        ], freesSpace: true),
    // Requests counted per client and minute for public forms, in the database so that every
    // instance counts the same requests.
    Migration(
        13, "rate limits for public forms",
        [
            """
            CREATE TABLE rate_limits (
                bucket TEXT NOT NULL,
                window_start BIGINT NOT NULL,
                hits INTEGER NOT NULL,
                PRIMARY KEY (bucket, window_start))
            """
        ]),
    // Meetings and papers: a partnership's meetings, their agendas, papers (stored here, with
    // their checksums, so that servers keep nothing of their own), attendance, decisions,
    // actions and their updates, board packs, and who signed the terms of reference.
    Migration(
        14, "meetings, papers, minutes and board packs",
        [
            """
            CREATE TABLE meetings (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                title TEXT NOT NULL,
                meeting_date TEXT NOT NULL,
                start_time TEXT NOT NULL,
                end_time TEXT NOT NULL,
                venue TEXT,
                online_link TEXT,
                status TEXT NOT NULL,
                published INTEGER NOT NULL DEFAULT 0,
                minutes_approved_at BIGINT REFERENCES meetings(id),
                agenda_version INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX meetings_partnership ON meetings (partnership_id, meeting_date)",
            """
            CREATE TABLE agenda_items (
                id {id},
                meeting_id BIGINT NOT NULL REFERENCES meetings(id),
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                presenter TEXT,
                purpose TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL,
                exempt_reason TEXT,
                standing TEXT,
                section TEXT NOT NULL,
                minute TEXT)
            """,
            "CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position)",
            """
            CREATE TABLE papers (
                id {id},
                item_id BIGINT NOT NULL REFERENCES agenda_items(id),
                title TEXT NOT NULL,
                version INTEGER NOT NULL,
                file_name TEXT NOT NULL,
                format TEXT NOT NULL,
                size BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                body BYTEA_OR_BLOB NOT NULL,
                pdf BYTEA_OR_BLOB,
                conversion TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (item_id, title, version))
            """,
            "CREATE INDEX papers_item ON papers (item_id)",
            """
            CREATE TABLE attendance (
                meeting_id BIGINT NOT NULL REFERENCES meetings(id),
                membership_id BIGINT NOT NULL REFERENCES memberships(id),
                status TEXT NOT NULL,
                deputy_name TEXT,
                PRIMARY KEY (meeting_id, membership_id))
            """,
            """
            CREATE TABLE decisions (
                id {id},
                item_id BIGINT NOT NULL REFERENCES agenda_items(id),
                text TEXT NOT NULL,
                votes_for INTEGER,
                votes_against INTEGER,
                abstentions INTEGER)
            """,
            "CREATE INDEX decisions_item ON decisions (item_id)",
            """
            CREATE TABLE actions (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                meeting_id BIGINT NOT NULL REFERENCES meetings(id),
                item_id BIGINT REFERENCES agenda_items(id),
                text TEXT NOT NULL,
                owner_person_id BIGINT REFERENCES people(id),
                owner_organisation_id BIGINT REFERENCES organisations(id),
                due_date TEXT NOT NULL,
                status TEXT NOT NULL,
                closed_at_meeting BIGINT REFERENCES meetings(id))
            """,
            "CREATE INDEX actions_partnership ON actions (partnership_id, status)",
            """
            CREATE TABLE action_updates (
                id {id},
                action_id BIGINT NOT NULL REFERENCES actions(id),
                meeting_id BIGINT REFERENCES meetings(id),
                text TEXT NOT NULL,
                status TEXT NOT NULL,
                at BIGINT NOT NULL,
                by_name TEXT NOT NULL)
            """,
            "CREATE INDEX action_updates_action ON action_updates (action_id)",
            """
            CREATE TABLE board_packs (
                id {id},
                meeting_id BIGINT NOT NULL REFERENCES meetings(id),
                audience TEXT NOT NULL,
                version INTEGER NOT NULL,
                pdf BYTEA_OR_BLOB NOT NULL,
                sha256 TEXT NOT NULL,
                pages INTEGER NOT NULL,
                agenda_version INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (meeting_id, audience, version))
            """,
            """
            CREATE TABLE sign_offs (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                version_id BIGINT NOT NULL REFERENCES record_versions(id),
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                signed_by TEXT NOT NULL,
                signed_on TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                recorded_by TEXT NOT NULL,
                UNIQUE (version_id, organisation_id))
            """,
            // A member's calendar link: a secret in the address, since calendar programs send no cookies.
            """
            CREATE TABLE calendar_links (
                user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL)
            """,
        ]),
    // A partnership's budget: its lines for each financial year, with commitments and spend by
    // quarter, in whole pence.
    Migration(
        15, "budget lines",
        [
            """
            CREATE TABLE budget_lines (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                year_start INTEGER NOT NULL,
                name TEXT NOT NULL,
                budget_pence BIGINT NOT NULL,
                committed_pence BIGINT NOT NULL,
                spent_q1_pence BIGINT NOT NULL,
                spent_q2_pence BIGINT NOT NULL,
                spent_q3_pence BIGINT NOT NULL,
                spent_q4_pence BIGINT NOT NULL,
                UNIQUE (partnership_id, year_start, name))
            """
        ]),
    // The rest of the money side: the partnership's funding streams by year; pooled funds that
    // partners pay into by agreed shares and that reviews draw down, kept as a ledger so the
    // balance is always the sum of what moved; commissioned services with their funders; and a
    // budget line's link to the priority it serves.
    Migration(
        16, "funding streams, pooled funds and commissioned services",
        [
            """
            CREATE TABLE funding_streams (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                year_start INTEGER NOT NULL,
                name TEXT NOT NULL,
                source TEXT NOT NULL,
                funder TEXT NOT NULL,
                amount_pence BIGINT NOT NULL,
                conditions TEXT NOT NULL,
                ends_on TEXT,
                UNIQUE (partnership_id, year_start, name))
            """,
            """
            CREATE TABLE pooled_funds (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                year_start INTEGER NOT NULL,
                name TEXT NOT NULL,
                purpose TEXT NOT NULL,
                target_pence BIGINT NOT NULL,
                UNIQUE (partnership_id, year_start, name))
            """,
            """
            CREATE TABLE pool_contributors (
                id {id},
                fund_id BIGINT NOT NULL REFERENCES pooled_funds(id),
                name TEXT NOT NULL,
                share_parts INTEGER NOT NULL,
                UNIQUE (fund_id, name))
            """,
            """
            CREATE TABLE pool_movements (
                id {id},
                fund_id BIGINT NOT NULL REFERENCES pooled_funds(id),
                contributor_id BIGINT REFERENCES pool_contributors(id),
                moved_on TEXT NOT NULL,
                amount_pence BIGINT NOT NULL,
                note TEXT NOT NULL,
                CHECK (amount_pence <> 0))
            """,
            """
            CREATE TABLE commissioned_services (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                name TEXT NOT NULL,
                provider TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                ends_on TEXT NOT NULL,
                value_pence BIGINT NOT NULL,
                outcomes TEXT NOT NULL,
                report_due_on TEXT,
                renewal TEXT NOT NULL,
                UNIQUE (partnership_id, name))
            """,
            """
            CREATE TABLE service_funders (
                id {id},
                service_id BIGINT NOT NULL REFERENCES commissioned_services(id),
                funder TEXT NOT NULL,
                amount_pence BIGINT NOT NULL)
            """,
            "ALTER TABLE budget_lines ADD COLUMN priority TEXT NOT NULL DEFAULT ''",
        ]),
    // The partnership plan: priorities (from an approved assessment's theme, or added with a
    // reason), actions with owners and an unchangeable trail of progress, and indicators with
    // the values their owners enter (computed ones are worked out from the crime store on read).
    Migration(
        17, "partnership plan and indicators",
        [
            """
            CREATE TABLE plan_priorities (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                title TEXT NOT NULL,
                reason TEXT NOT NULL,
                theme TEXT NOT NULL,
                assessment_version_id BIGINT REFERENCES record_versions(id),
                evidence TEXT NOT NULL,
                public_summary TEXT NOT NULL DEFAULT '',
                UNIQUE (partnership_id, title))
            """,
            """
            CREATE TABLE plan_actions (
                id {id},
                priority_id BIGINT NOT NULL REFERENCES plan_priorities(id),
                title TEXT NOT NULL,
                owner_organisation TEXT NOT NULL,
                owner_user_id BIGINT REFERENCES users(id),
                owner_name TEXT NOT NULL,
                due_on TEXT NOT NULL,
                status TEXT NOT NULL,
                budget_line_id BIGINT REFERENCES budget_lines(id),
                plan TEXT NOT NULL DEFAULT 'operational')
            """,
            """
            CREATE TABLE plan_risks (
                id {id},
                priority_id BIGINT NOT NULL REFERENCES plan_priorities(id),
                risk TEXT NOT NULL,
                likelihood INTEGER NOT NULL,
                impact INTEGER NOT NULL,
                mitigation TEXT NOT NULL,
                owner TEXT NOT NULL)
            """,
            """
            CREATE TABLE plan_action_progress (
                id {id},
                action_id BIGINT NOT NULL REFERENCES plan_actions(id),
                at BIGINT NOT NULL,
                by_name TEXT NOT NULL,
                status TEXT NOT NULL,
                note TEXT NOT NULL)
            """,
            """
            CREATE TABLE indicators (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                priority_id BIGINT REFERENCES plan_priorities(id),
                name TEXT NOT NULL,
                definition TEXT NOT NULL,
                unit TEXT NOT NULL,
                polarity TEXT NOT NULL,
                crime_types TEXT NOT NULL,
                baseline DOUBLE PRECISION,
                target DOUBLE PRECISION,
                tolerance DOUBLE PRECISION NOT NULL,
                rule TEXT NOT NULL,
                owner TEXT NOT NULL,
                UNIQUE (partnership_id, name))
            """,
            """
            CREATE TABLE indicator_values (
                id {id},
                indicator_id BIGINT NOT NULL REFERENCES indicators(id),
                month INTEGER NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                source TEXT NOT NULL,
                UNIQUE (indicator_id, month))
            """,
        ]),
    // The plan's strategies (how each priority is to be met, the actions beneath them) and
    // each action's milestones; actions withdrawn rather than deleted, so that every link to one
    // still resolves; indicators measured monthly, quarterly or yearly.
    Migration(
        18, "plan strategies, milestones and indicator frequency",
        [
            """
            CREATE TABLE plan_strategies (
                id {id},
                priority_id BIGINT NOT NULL REFERENCES plan_priorities(id),
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                UNIQUE (priority_id, title))
            """,
            "ALTER TABLE plan_actions ADD COLUMN strategy_id BIGINT REFERENCES plan_strategies(id)",
            """
            CREATE TABLE plan_milestones (
                id {id},
                action_id BIGINT NOT NULL REFERENCES plan_actions(id),
                title TEXT NOT NULL,
                due_on TEXT NOT NULL,
                done_on TEXT)
            """,
            "ALTER TABLE indicators ADD COLUMN frequency TEXT NOT NULL DEFAULT 'quarterly'",
        ]),
    // E-mail as the server composes it, kept whether or not it could be sent (so that nothing
    // is dropped when no mail server is configured or one refuses), and the runs of scheduled
    // work, one row per kind and period, so that of several servers only one starts each.
    Migration(
        19, "e-mail outbox and scheduled runs",
        [
            """
            CREATE TABLE outbox (
                id {id},
                kind TEXT NOT NULL,
                user_id BIGINT REFERENCES users(id),
                to_address TEXT NOT NULL,
                to_name TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                sent_at BIGINT,
                attempts INTEGER NOT NULL DEFAULT 0,
                outcome TEXT NOT NULL DEFAULT '')
            """,
            "CREATE INDEX outbox_unsent ON outbox (sent_at, id)",
            """
            CREATE TABLE scheduled_runs (
                kind TEXT NOT NULL,
                period TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (kind, period))
            """,
        ]),
    // When an indicator's value was entered and by whom, beside its source, for the board to
    // judge how fresh and whose a figure is; and a priority withdrawn (with the day and reason)
    // rather than deleted, so that what was done under it stays on record.
    Migration(
        20, "indicator values' entry and withdrawn priorities",
        [
            "ALTER TABLE indicator_values ADD COLUMN entered_at BIGINT",
            "ALTER TABLE indicator_values ADD COLUMN entered_by TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE plan_priorities ADD COLUMN withdrawn_on TEXT",
            "ALTER TABLE plan_priorities ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT ''",
        ]),
    // The Hallmarks self-assessment. Who answered a round is kept apart from what was answered:
    // in an anonymous round no answer names its member, carries a time, or has an id that gives
    // the order of answering (each response's id is drawn at random).
    Migration(
        21, "Hallmarks self-assessment",
        [
            """
            CREATE TABLE hallmark_rounds (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                title TEXT NOT NULL,
                anonymous INTEGER NOT NULL,
                closes_on TEXT NOT NULL,
                closed INTEGER NOT NULL DEFAULT 0,
                UNIQUE (partnership_id, title))
            """,
            """
            CREATE TABLE hallmark_respondents (
                round_id BIGINT NOT NULL REFERENCES hallmark_rounds(id),
                user_id BIGINT NOT NULL REFERENCES users(id),
                PRIMARY KEY (round_id, user_id))
            """,
            """
            CREATE TABLE hallmark_responses (
                id BIGINT PRIMARY KEY,
                round_id BIGINT NOT NULL REFERENCES hallmark_rounds(id),
                respondent TEXT NOT NULL,
                comment TEXT NOT NULL)
            """,
            """
            CREATE TABLE hallmark_ratings (
                response_id BIGINT NOT NULL REFERENCES hallmark_responses(id),
                statement TEXT NOT NULL,
                rating INTEGER NOT NULL,
                PRIMARY KEY (response_id, statement),
                CHECK (rating BETWEEN 1 AND 5))
            """,
            """
            CREATE TABLE hallmark_improvements (
                id {id},
                round_id BIGINT NOT NULL REFERENCES hallmark_rounds(id),
                section TEXT NOT NULL,
                action_id BIGINT NOT NULL REFERENCES plan_actions(id))
            """,
        ]),
    // Consultations of residents: questions, and answers sent from the public site without an
    // account. A response keeps the day it came, never the time or the address; answers the spam
    // checks dropped are counted, not kept.
    Migration(
        22, "consultations",
        [
            """
            CREATE TABLE consultations (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                title TEXT NOT NULL,
                introduction TEXT NOT NULL,
                opens_on TEXT NOT NULL,
                closes_on TEXT NOT NULL,
                closed INTEGER NOT NULL DEFAULT 0,
                one_per_device INTEGER NOT NULL,
                dropped_honeypot INTEGER NOT NULL DEFAULT 0,
                dropped_too_fast INTEGER NOT NULL DEFAULT 0,
                UNIQUE (partnership_id, title))
            """,
            """
            CREATE TABLE consultation_questions (
                id {id},
                consultation_id BIGINT NOT NULL REFERENCES consultations(id),
                position INTEGER NOT NULL,
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                options TEXT NOT NULL)
            """,
            """
            CREATE TABLE consultation_responses (
                id {id},
                consultation_id BIGINT NOT NULL REFERENCES consultations(id),
                received_on TEXT NOT NULL)
            """,
            """
            CREATE TABLE consultation_answers (
                id {id},
                response_id BIGINT NOT NULL REFERENCES consultation_responses(id),
                question_id BIGINT NOT NULL REFERENCES consultation_questions(id),
                choices TEXT NOT NULL,
                text TEXT NOT NULL,
                theme TEXT NOT NULL DEFAULT '')
            """,
            "CREATE INDEX consultation_answers_question ON consultation_answers (question_id)",
        ]),
    // Engagement with residents: events held ("Face the People", ward walks, Area Partnership
    // Board meetings) and the "you said, we did" answers to what was raised, published when chosen.
    Migration(
        23, "engagement events and you said, we did",
        [
            """
            CREATE TABLE engagement_events (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                kind TEXT NOT NULL,
                held_on TEXT NOT NULL,
                place TEXT NOT NULL,
                attendance INTEGER NOT NULL,
                issues TEXT NOT NULL)
            """,
            """
            CREATE TABLE you_said_we_did (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                event_id BIGINT REFERENCES engagement_events(id),
                said TEXT NOT NULL,
                did TEXT NOT NULL,
                action_id BIGINT REFERENCES plan_actions(id),
                published INTEGER NOT NULL)
            """,
        ]),
    // Casework (statutory reviews): who may see each case, every view of one, and the cases
    // themselves. Named fields (names, addresses, contact details, what happened) hold text
    // sealed with the server's case keys (AES-256-GCM), never plaintext.
    Migration(
        24, "casework: teams, the view log, ASB Case Reviews and homicide reviews",
        [
            """
            CREATE TABLE case_settings (
                partnership_id BIGINT PRIMARY KEY REFERENCES partnerships(id),
                settings_json TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE case_team (
                case_kind TEXT NOT NULL,
                case_id BIGINT NOT NULL,
                user_id BIGINT NOT NULL REFERENCES users(id),
                added_at BIGINT NOT NULL,
                PRIMARY KEY (case_kind, case_id, user_id))
            """,
            """
            CREATE TABLE case_views (
                id {id},
                case_kind TEXT NOT NULL,
                case_id BIGINT NOT NULL,
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                user_id BIGINT,
                user_label TEXT NOT NULL,
                what TEXT NOT NULL,
                broke_glass INTEGER NOT NULL,
                reason TEXT NOT NULL,
                viewed_at BIGINT NOT NULL)
            """,
            "CREATE INDEX case_views_case ON case_views (case_kind, case_id)",
            """
            CREATE TABLE asb_case_reviews (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                reference TEXT NOT NULL,
                received_on TEXT NOT NULL,
                made_by TEXT NOT NULL,
                applicant_name TEXT,
                applicant_contact TEXT,
                applicant_address TEXT,
                complaints TEXT,
                on_behalf INTEGER NOT NULL,
                complaints_counted INTEGER NOT NULL,
                threshold_met INTEGER,
                decided_on TEXT,
                letter_sent_on TEXT,
                meeting_on TEXT,
                recommendations TEXT,
                recommendations_made INTEGER NOT NULL DEFAULT 0,
                appeal_requested_on TEXT,
                appeal_outcome TEXT NOT NULL DEFAULT '',
                closed_on TEXT,
                personal_data_removed_on TEXT,
                UNIQUE (partnership_id, reference))
            """,
            """
            CREATE TABLE homicide_reviews (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                kind TEXT NOT NULL,
                reference TEXT NOT NULL,
                notified_on TEXT NOT NULL,
                victim_name TEXT,
                circumstances TEXT,
                decision TEXT,
                decided_on TEXT,
                decision_reason TEXT NOT NULL DEFAULT '',
                home_office_informed_on TEXT,
                chair TEXT NOT NULL DEFAULT '',
                panel TEXT NOT NULL DEFAULT '',
                draft_on TEXT,
                qa_submitted_on TEXT,
                qa_outcome TEXT NOT NULL DEFAULT '',
                published_on TEXT,
                personal_data_removed_on TEXT,
                UNIQUE (partnership_id, reference))
            """,
            """
            CREATE TABLE homicide_review_reports (
                id {id},
                review_id BIGINT NOT NULL REFERENCES homicide_reviews(id),
                agency TEXT NOT NULL,
                requested_on TEXT NOT NULL,
                due_on TEXT NOT NULL,
                received_on TEXT)
            """,
            """
            CREATE TABLE homicide_review_actions (
                id {id},
                review_id BIGINT NOT NULL REFERENCES homicide_reviews(id),
                action TEXT NOT NULL,
                owner TEXT NOT NULL,
                due_on TEXT NOT NULL,
                done_on TEXT)
            """,
            """
            CREATE TABLE homicide_review_costs (
                id {id},
                review_id BIGINT NOT NULL REFERENCES homicide_reviews(id),
                movement_id BIGINT NOT NULL REFERENCES pool_movements(id),
                description TEXT NOT NULL)
            """,
        ]),
    // Integrated Offender Management figures by quarter (aggregate: no one is named), and the
    // register of agreements under which partners share information.
    Migration(
        25, "IOM cohort figures and the information-sharing register",
        [
            """
            CREATE TABLE iom_quarters (
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                quarter TEXT NOT NULL,
                cohort_start INTEGER NOT NULL,
                entries INTEGER NOT NULL,
                exits INTEGER NOT NULL,
                reoffenders INTEGER NOT NULL,
                offences INTEGER NOT NULL,
                entered_by TEXT NOT NULL,
                entered_at BIGINT NOT NULL,
                PRIMARY KEY (partnership_id, quarter))
            """,
            """
            CREATE TABLE sharing_agreements (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                title TEXT NOT NULL,
                parties TEXT NOT NULL,
                purpose TEXT NOT NULL,
                lawful_basis TEXT NOT NULL,
                special_condition TEXT NOT NULL,
                data_items TEXT NOT NULL,
                retention TEXT NOT NULL,
                signed_on TEXT NOT NULL,
                review_on TEXT NOT NULL,
                signatories TEXT NOT NULL,
                UNIQUE (partnership_id, title))
            """,
        ]),
    // The people in the IOM cohort, for the roles that manage them: names sealed like every
    // case's, each person a case with its own team.
    Migration(
        26, "IOM cohort members",
        [
            """
            CREATE TABLE iom_people (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                reference TEXT NOT NULL,
                name TEXT,
                notes TEXT,
                entered_on TEXT NOT NULL,
                exited_on TEXT,
                exit_reason TEXT NOT NULL DEFAULT '',
                personal_data_removed_on TEXT,
                UNIQUE (partnership_id, reference))
            """
        ]),
    // Reviews of partnership arrangements: options side by side, stakeholders' positions, and
    // mergers taken through their steps. An ended partnership stays, marked as ended.
    Migration(
        27, "restructuring: reviews, options, positions, mergers",
        [
            "ALTER TABLE partnerships ADD COLUMN ended_on TEXT",
            "ALTER TABLE partnerships ADD COLUMN ended_because TEXT",
            """
            CREATE TABLE arrangement_reviews (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                title TEXT NOT NULL,
                opened_on TEXT NOT NULL,
                formula TEXT NOT NULL,
                recommended_option_id BIGINT,
                recommendation TEXT NOT NULL DEFAULT '',
                UNIQUE (partnership_id, title))
            """,
            """
            CREATE TABLE arrangement_options (
                id {id},
                review_id BIGINT NOT NULL REFERENCES arrangement_reviews(id),
                name TEXT NOT NULL,
                summary TEXT NOT NULL DEFAULT '',
                structure TEXT NOT NULL,
                strengths TEXT NOT NULL DEFAULT '',
                weaknesses TEXT NOT NULL DEFAULT '',
                risks TEXT NOT NULL DEFAULT '',
                UNIQUE (review_id, name))
            """,
            """
            CREATE TABLE stakeholder_positions (
                id {id},
                review_id BIGINT NOT NULL REFERENCES arrangement_reviews(id),
                stakeholder TEXT NOT NULL,
                option_id BIGINT REFERENCES arrangement_options(id),
                position TEXT NOT NULL,
                source TEXT NOT NULL,
                stated_on TEXT NOT NULL)
            """,
            """
            CREATE TABLE mergers (
                id {id},
                partnership_id BIGINT NOT NULL REFERENCES partnerships(id),
                sources TEXT NOT NULL,
                successors TEXT NOT NULL,
                members TEXT NOT NULL,
                sub_groups TEXT NOT NULL,
                proposed_on TEXT NOT NULL,
                effective_on TEXT NOT NULL,
                pcc_approval TEXT,
                secretary_of_state_approval TEXT,
                completed_on TEXT)
            """,
            """
            CREATE TABLE merger_agreements (
                merger_id BIGINT NOT NULL REFERENCES mergers(id),
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                signed_by TEXT NOT NULL,
                signed_on TEXT NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (merger_id, organisation_id))
            """,
        ]),
    // A merger decides whether the new partnership starts from the old terms of reference, and
    // one that will not go ahead is withdrawn (kept, with why), freeing its partnerships.
    Migration(
        28, "mergers: terms of reference carried or not; withdrawal",
        [
            "ALTER TABLE mergers ADD COLUMN terms TEXT NOT NULL DEFAULT 'fresh'",
            "ALTER TABLE mergers ADD COLUMN withdrawn_on TEXT",
            "ALTER TABLE mergers ADD COLUMN withdrawn_because TEXT",
        ]),
    // One number that moves on with every recorded change (see `ChangeCount`), so that a cache
    // asks one indexed row whether it is current rather than counting the audit log.
    Migration(
        29, "the change count",
        [
            "CREATE TABLE change_count (one INTEGER PRIMARY KEY CHECK (one = 1), n BIGINT NOT NULL)",
            "INSERT INTO change_count (one, n) SELECT 1, COUNT(*) FROM audit_log",
        ]),
    // PostgreSQL compresses any value over 2 kB before storing it out of line; a crime block's
    // columns are packed integers that hardly compress (191 MB stored as they are against 166 MB
    // compressed, for the national year), and compressing them took a third of an import's time
    // and is undone on every read. SQLite never compressed them.
    Migration(
        30, "crime blocks stored as they are on PostgreSQL",
        [],
        postgresOnly: [
            """
            ALTER TABLE crime_blocks ALTER COLUMN lsoas SET STORAGE EXTERNAL, ALTER COLUMN counts SET STORAGE EXTERNAL,
                ALTER COLUMN crime_starts SET STORAGE EXTERNAL, ALTER COLUMN crimes SET STORAGE EXTERNAL,
                ALTER COLUMN locations SET STORAGE EXTERNAL
            """
        ]),
    // A self-assessment's answers as totals: how many gave each statement each rating, how many
    // rated anything in each section (an anonymous round shows no section fewer rated than
    // would hide who they were), and the comments in alphabetical order. Each answer rewrites
    // the round's totals and comments whole, so that no stored row, by its SQLite rowid or its
    // PostgreSQL transaction, says whose answer it came from: a row a response, written in the
    // transaction that recorded who answered, did. The dropped tables' pages are rewritten out
    // of the file.
    Migration(
        31, "self-assessment answers kept as totals",
        [
            """
            CREATE TABLE hallmark_tallies (
                round_id BIGINT NOT NULL REFERENCES hallmark_rounds(id),
                statement TEXT NOT NULL,
                rating INTEGER NOT NULL,
                answers BIGINT NOT NULL,
                PRIMARY KEY (round_id, statement, rating),
                CHECK (rating BETWEEN 1 AND 5))
            """,
            """
            CREATE TABLE hallmark_comments (
                round_id BIGINT NOT NULL REFERENCES hallmark_rounds(id),
                place INTEGER NOT NULL,
                respondent TEXT NOT NULL,
                comment TEXT NOT NULL,
                PRIMARY KEY (round_id, place))
            """,
            """
            CREATE TABLE hallmark_raters (
                round_id BIGINT NOT NULL REFERENCES hallmark_rounds(id),
                section TEXT NOT NULL,
                raters BIGINT NOT NULL,
                PRIMARY KEY (round_id, section))
            """,
            """
            INSERT INTO hallmark_tallies (round_id, statement, rating, answers)
            SELECT s.round_id, r.statement, r.rating, COUNT(*) FROM hallmark_ratings r JOIN hallmark_responses s ON s.id = r.response_id
            GROUP BY s.round_id, r.statement, r.rating ORDER BY s.round_id, r.statement, r.rating
            """,
            """
            INSERT INTO hallmark_comments (round_id, place, respondent, comment)
            SELECT round_id, ROW_NUMBER() OVER (PARTITION BY round_id ORDER BY respondent, comment), respondent, comment
            FROM hallmark_responses WHERE comment <> '' ORDER BY round_id, respondent, comment
            """,
            // A statement's code is its section's and a letter: "1.1.a" is in "1.1".
            """
            INSERT INTO hallmark_raters (round_id, section, raters)
            SELECT s.round_id, substr(r.statement, 1, length(r.statement) - 2), COUNT(DISTINCT r.response_id)
            FROM hallmark_ratings r JOIN hallmark_responses s ON s.id = r.response_id
            GROUP BY s.round_id, substr(r.statement, 1, length(r.statement) - 2) ORDER BY 1, 2
            """,
            "DROP TABLE hallmark_ratings",
            "DROP TABLE hallmark_responses",
        ], freesSpace: true),
]
