package dev.signoff.review;

import dev.signoff.sql.BatchInsert;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Who may decide a task: a group or a single user. Kept as rows so the inbox is one indexed query. */
@Entity
@Table(name = "task_assignee")
public class TaskAssignee extends PanacheEntityBase {

    public enum Kind {
        GROUP,
        USER
    }

    @EmbeddedId
    public Key key;

    public TaskAssignee() {}

    public TaskAssignee(UUID taskId, Kind kind, String name) {
        this.key = new Key(taskId, kind.name(), name);
    }

    /** Gives the task exactly these assignees (intake, an admin's reassignment, an escalation). */
    static void assign(UUID taskId, List<String> groups, List<String> users) {
        delete("key.taskId", taskId);
        groups.forEach(g -> new TaskAssignee(taskId, Kind.GROUP, g).persist());
        users.forEach(u -> new TaskAssignee(taskId, Kind.USER, u).persist());
    }

    /**
     * New tasks' assignees as one JDBC batch ({@link BatchInsert}, intake's received batch), after the tasks' rows
     * (the foreign key). Nothing reads them back as entities in that transaction.
     */
    static void insertAll(List<Key> keys) {
        BatchInsert.insertAll(
                getEntityManager(),
                "insert into task_assignee (task_id, kind, name) values (?, ?, ?)",
                keys,
                (insert, key) -> {
                    insert.setObject(1, key.taskId());
                    insert.setString(2, key.kind());
                    insert.setString(3, key.name());
                });
    }

    @Embeddable
    public record Key(
            @Column(name = "task_id") UUID taskId,
            @Column(name = "kind") String kind,
            @Column(name = "name") String name)
            implements Serializable {}
}
