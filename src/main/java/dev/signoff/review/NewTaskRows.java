package dev.signoff.review;

import dev.signoff.sql.BatchInsert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Newly opened tasks as one JDBC batch ({@link BatchInsert}: intake opens a received batch's tasks at once). Every
 * mapped column is written, as Hibernate's own insert writes them, so a task reads back the same either way
 * (NewTaskRowsTest compares the two).
 */
final class NewTaskRows {

    private static final List<String> COLUMNS = List.of(
            "id",
            "token_hash",
            "token_ciphertext",
            "execution_arn",
            "state_machine_arn",
            "state_name",
            "title",
            "request_json",
            "requested_by",
            "status",
            "status_reason",
            "entered_at",
            "received_at",
            "due_at",
            "timeout_at",
            "expires_at",
            "heartbeat_seconds",
            "last_heartbeat_at",
            "next_heartbeat_at",
            "decided_at",
            "execution_status",
            "execution_checked_at",
            "closed_at",
            "claimed_by",
            "claimed_by_name",
            "claimed_at",
            "claim_active_at",
            "highest_severity",
            "search_text",
            "redrive_count",
            "supersedes",
            "superseded_by",
            "on_expiry",
            "escalated_at",
            "expiry_check_at",
            "approvals_required",
            "approvals_count",
            "version");

    private static final String INSERT = "insert into review_task (" + String.join(", ", COLUMNS) + ") values ("
            + Stream.generate(() -> "?").limit(COLUMNS.size()).collect(Collectors.joining(", ")) + ")";

    private NewTaskRows() {}

    static void insertAll(List<ReviewTask> tasks) {
        BatchInsert.insertAll(ReviewTask.getEntityManager(), INSERT, tasks, NewTaskRows::bind);
    }

    private static void bind(PreparedStatement insert, ReviewTask t) throws SQLException {
        Row row = new Row(insert);
        row.object(t.id);
        row.text(t.tokenHash);
        row.text(t.tokenCiphertext);
        row.text(t.executionArn);
        row.text(t.stateMachineArn);
        row.text(t.stateName);
        row.text(t.title);
        row.text(t.requestJson);
        row.text(t.requestedBy);
        row.text(t.status.name());
        row.text(t.statusReason);
        row.instant(t.enteredAt);
        row.instant(t.receivedAt);
        row.instant(t.dueAt);
        row.instant(t.timeoutAt);
        row.instant(t.expiresAt);
        row.integer(t.heartbeatSeconds);
        row.instant(t.lastHeartbeatAt);
        row.instant(t.nextHeartbeatAt);
        row.instant(t.decidedAt);
        row.text(t.executionStatus);
        row.instant(t.executionCheckedAt);
        row.instant(t.closedAt);
        row.text(t.claimedBy);
        row.text(t.claimedByName);
        row.instant(t.claimedAt);
        row.instant(t.claimActiveAt);
        row.smallint(t.highestSeverity);
        row.text(t.searchText);
        row.integer(t.redriveCount);
        row.object(t.supersedes);
        row.object(t.supersededBy);
        row.text(t.onExpiry == null ? null : t.onExpiry.name());
        row.instant(t.escalatedAt);
        row.instant(t.expiryCheckAt);
        row.integer(t.approvalsRequired);
        row.integer(t.approvalsCount);
        row.object(t.version);
    }

    /** Binds one row's values in column order. */
    private static final class Row {
        private final PreparedStatement insert;
        private int next = 1;

        Row(PreparedStatement insert) {
            this.insert = insert;
        }

        void object(Object value) throws SQLException {
            insert.setObject(next++, value);
        }

        void text(String value) throws SQLException {
            insert.setString(next++, value);
        }

        void smallint(Short value) throws SQLException {
            if (value == null) {
                nothing(Types.SMALLINT);
            } else {
                insert.setShort(next++, value);
            }
        }

        void integer(Integer value) throws SQLException {
            if (value == null) {
                nothing(Types.INTEGER);
            } else {
                insert.setInt(next++, value);
            }
        }

        /** As Hibernate binds an Instant to a timestamp with time zone: at UTC. */
        void instant(Instant value) throws SQLException {
            if (value == null) {
                nothing(Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                insert.setObject(next++, value.atOffset(ZoneOffset.UTC));
            }
        }

        void nothing(int sqlType) throws SQLException {
            insert.setNull(next++, sqlType);
        }
    }
}
