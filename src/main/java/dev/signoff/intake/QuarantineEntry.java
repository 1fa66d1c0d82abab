package dev.signoff.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A message Signoff could not accept, kept with the reason so nothing is silently dropped. The body is kept
 * as received for operators (it can hold a token, so it is never rendered outside the admin API's redacted view).
 */
@Entity
@Table(name = "quarantine")
public class QuarantineEntry extends PanacheEntityBase {

    public enum Action {
        /** The token was readable: the execution was failed with Signoff.InvalidRequest and the message deleted. */
        FAILED_EXECUTION,
        /** No readable token: the message stays on the queue for its redrive policy to move it to the DLQ. */
        LEFT_FOR_DLQ
    }

    @Id
    public UUID id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "receive_count", nullable = false)
    public int receiveCount;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String reason;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "execution_arn")
    public String executionArn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    static Optional<QuarantineEntry> byMessageId(String messageId) {
        return find("messageId", messageId).firstResultOptional();
    }

    static boolean existsForToken(String tokenHash) {
        return count("tokenHash", tokenHash) > 0;
    }
}
