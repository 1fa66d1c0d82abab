package dev.signoff.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What a reviewer decided on a task. At most one per task (unique task_id). */
@Entity
@Table(name = "decision")
public class Decision extends PanacheEntityBase {

    /** Column sizes (V1): what a submission may carry, checked before the write so an overlong value gets a 422. */
    public static final int MAX_IDEMPOTENCY_KEY = 64;

    public static final int MAX_REASON_CODE = 128;
    public static final int MAX_COMMENT = 32_768;
    static final int MAX_REVIEWER_NAME = 256;
    static final int MAX_REVIEWER_EMAIL = 320;

    @Id
    public UUID id;

    @Column(name = "task_id", nullable = false)
    public UUID taskId;

    /** Sent by the decision form; a resubmission with the same key is the same decision, not a new one. */
    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(nullable = false)
    public String outcome;

    public String comment;

    @Column(name = "reason_code")
    public String reasonCode;

    @Column(name = "output_json")
    public String outputJson;

    @Column(nullable = false)
    public boolean edited;

    @Column(name = "reviewer_id", nullable = false)
    public String reviewerId;

    @Column(name = "reviewer_name")
    public String reviewerName;

    @Column(name = "reviewer_email")
    public String reviewerEmail;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    public static Optional<Decision> forTask(UUID taskId) {
        return find("taskId", taskId).firstResultOptional();
    }
}
