package dev.signoff.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An append-only record of something that happened to a task, for reviewers and auditors. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    /** The actor's display name when the event happened; null for Signoff itself and for older events. */
    @Column(name = "actor_name")
    public String actorName;

    @Column(name = "task_id")
    public UUID taskId;

    @Column(nullable = false)
    public String type;

    public String detail;

    /** Who did it, for people: the display name when there is one, else the id. */
    public String actorLabel() {
        return actorName == null || actorName.isBlank() ? actor : actorName;
    }

    public static List<AuditEvent> forTask(UUID taskId) {
        return list("taskId = ?1 order by at, id", taskId);
    }
}
