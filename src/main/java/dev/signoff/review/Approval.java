package dev.signoff.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One person's approval of a task with an approval policy (V18); written only by {@link TaskApprovals}. */
@Entity
@Table(name = "approval")
public class Approval extends PanacheEntityBase {

    @Id
    UUID id;

    @Column(name = "task_id", nullable = false)
    UUID taskId;

    @Column(name = "reviewer_id", nullable = false)
    String reviewerId;

    @Column(name = "reviewer_name")
    String reviewerName;

    @Column(name = "idempotency_key", nullable = false)
    String idempotencyKey;

    @Column(name = "output_sha256", nullable = false)
    String outputSha256;

    @Column(name = "output_json")
    String outputJson;

    @Column(name = "eligible_groups")
    String eligibleGroups;

    @Column(name = "counted_group")
    String countedGroup;

    @Column(name = "approved_at", nullable = false)
    Instant approvedAt;

    @Column(name = "superseded_at")
    Instant supersededAt;

    static List<Approval> ofTask(UUID taskId) {
        return list("taskId = ?1 order by approvedAt, id", taskId);
    }

    boolean counts() {
        return supersededAt == null;
    }

    Set<String> groups() {
        return eligibleGroups == null || eligibleGroups.isEmpty()
                ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(eligibleGroups.split("\n")));
    }

    String shownName() {
        return reviewerName == null ? reviewerId : reviewerName;
    }

    Approver approver() {
        return new Approver(reviewerId, reviewerName, approvedAt, countedGroup);
    }
}
